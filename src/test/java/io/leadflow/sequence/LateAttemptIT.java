package io.leadflow.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.sequence.internal.SequenceAttemptRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attempts whose time comes late, the demo clock jumping past the end of the lead's working day (as when leadflow was
 * stopped overnight): nothing is made outside the lead's working time; the timeline says the attempt was delayed, and
 * it is made at the lead's next working moment.
 */
class LateAttemptIT extends LeadflowIntegrationTest {

    /** Where an attempt waits for its time or a new plan. */
    private static final String WAITING_FOR_ITS_TIME = "Gateway_PlannedTimeOrNewPlan";

    @Autowired
    SequenceAttemptRepository attempts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aStepTwoEmailDueAt1655WaitsWhenTheClockJumpsFrom1650To1952AndGoesAt0900TheNextWorkingDay() throws Exception {
        Map<String, Object> submitted = mqlLead("Lorena");
        String email = (String) submitted.get("email");
        UUID id = startOnAWorkingMorning(submitted);
        // The lead's plan has its step-2 email at 16:55 on its day.
        ZonedDateTime stepTwo = plannedAt(id, 2).atZone(BOGOTA).withHour(16).withMinute(55);
        attempts.reschedule(id, 1, new PlannedAttempt(2, Channel.EMAIL, stepTwo, stepTwo.withHour(17).withMinute(0)), clock.instant());
        complete(id, "First contact", Map.of("outcome", "no-answer"));
        awaitMail(email, 1);
        Instant stepOneDone = clock.instant();
        complete(id, "Social touch after call", Map.of("action", "commented"));
        awaitWaitingAt(id, WAITING_FOR_ITS_TIME, stepOneDone);

        moveClockTo(stepTwo.minusMinutes(5));
        engineClock.advance(Duration.ofHours(3).plusMinutes(2)); // 19:52, in one jump

        ZonedDateTime nextWorkingMoment = calendar.startOfWorkingDay(nextWorkingDay(stepTwo), BOGOTA);
        JsonNode delayed = awaitDelay(id, 2);
        assertThat(delayed.at("/details/reason").asText()).isEqualTo("OUTSIDE_WORKING_HOURS");
        assertThat(OffsetDateTime.parse(delayed.at("/details/from").asText()).toInstant()).isEqualTo(stepTwo.toInstant());
        assertThat(OffsetDateTime.parse(delayed.at("/details/to").asText()).toInstant()).isEqualTo(nextWorkingMoment.toInstant());
        assertThat(sentEmails(id)).as("emails queued by the delay").hasSize(1);
        assertThat(mailbox(email)).as("mails received by the delay: the follow-up of the call").hasSize(1);
        assertThat(plannedAt(id, 2)).isEqualTo(nextWorkingMoment.toInstant());

        moveClockTo(nextWorkingMoment);

        awaitMail(email, 2);
        ZonedDateTime sent = sentEmails(id).get(1);
        assertThat(sent.toLocalDate()).isEqualTo(nextWorkingMoment.toLocalDate());
        assertThat(calendar.isWorkingTime(sent.toInstant(), "CO", BOGOTA)).as("sent at %s", sent).isTrue();
        assertThat(lead(id).at("/sequence/1/status").asText()).isEqualTo("done");
    }

    @Test
    void aFollowUpCallWhoseTimeCameAfterHoursOpensAtTheNextWorkingMomentWithItsWorkingTimeToCall() {
        Map<String, Object> submitted = mqlLead("Marisol");
        String email = (String) submitted.get("email");
        UUID id = startOnAWorkingMorning(submitted);
        complete(id, "First contact", Map.of("outcome", "no-answer"));
        complete(id, "Social touch after call", Map.of("action", "commented"));
        Instant stepTwo = plannedAt(id, 2);
        moveClockTo(stepTwo.atZone(BOGOTA));
        awaitMail(email, 2);
        ZonedDateTime stepThree = plannedAt(id, 3).atZone(BOGOTA);
        Duration window = calendar.workingTimeBetween(stepThree.toInstant(), due(id, 3), "CO", BOGOTA);
        awaitWaitingAt(id, WAITING_FOR_ITS_TIME, stepTwo);

        moveClockTo(stepThree.minusMinutes(5));
        engineClock.advance(Duration.between(clock.instant(), stepThree.withHour(19).withMinute(52).toInstant()));

        awaitDelay(id, 3);
        assertThat(openTask(lead(id), "Follow-up call")).as("no call task by the delay").isNull();

        ZonedDateTime nextWorkingMoment = calendar.startOfWorkingDay(nextWorkingDay(stepThree), BOGOTA);
        moveClockTo(nextWorkingMoment);

        JsonNode call = openTask(awaitLead(id, l -> openTask(l, "Follow-up call") != null), "Follow-up call");
        assertThat(OffsetDateTime.parse(call.get("due").asText()).toInstant())
                .isEqualTo(calendar.addWorkingTime(nextWorkingMoment.toInstant(), window, "CO", BOGOTA).toInstant());
    }

    @Test
    void theFollowUpOfACallRecordedAt0300IsNotSentWhenTheClockJumpsTo1952ButAt0900TheNextWorkingDay() {
        LocalDate tomorrow = clock.instant().atZone(BOGOTA).toLocalDate().plusDays(1);
        ZonedDateTime threeAm = calendar.startOfWorkingDay(calendar.workingDayOnOrAfter(tomorrow, "CO"), BOGOTA).withHour(3);
        moveClockTo(threeAm);
        Map<String, Object> submitted = mqlLead("Rocio");
        String email = (String) submitted.get("email");
        UUID id = postLead(submitted);
        complete(id, "First contact", Map.of("outcome", "no-answer"));
        awaitWaitingAt(id, "TimerEvent_WaitFollowUpTime", threeAm.toInstant());

        ZonedDateTime evening = threeAm.withHour(19).withMinute(52);
        moveClockTo(evening);

        // Its time came at 19:52: the lead's working time read again, it waits anew.
        awaitWaitingAt(id, "TimerEvent_WaitFollowUpTime", evening.toInstant());
        assertThat(sentEmails(id)).isEmpty();
        assertThat(mailbox(email)).isEmpty();

        ZonedDateTime nextWorkingMoment = calendar.startOfWorkingDay(nextWorkingDay(evening), BOGOTA);
        moveClockTo(nextWorkingMoment);

        awaitMail(email, 1);
        assertThat(sentEmails(id)).singleElement().satisfies(sent -> {
            assertThat(sent.toLocalDate()).isEqualTo(nextWorkingMoment.toLocalDate());
            assertThat(calendar.isWorkingTime(sent.toInstant(), "CO", BOGOTA)).as("sent at %s", sent).isTrue();
        });
    }

    /** Moves the clocks to 10:00 in Bogotá on a working day, then posts the lead and waits for its plan. */
    private UUID startOnAWorkingMorning(Map<String, Object> submitted) {
        LocalDate tomorrow = clock.instant().atZone(BOGOTA).toLocalDate().plusDays(1);
        moveClockTo(calendar.startOfWorkingDay(calendar.workingDayOnOrAfter(tomorrow, "CO"), BOGOTA).plusHours(1));
        UUID id = postLead(submitted);
        awaitLead(id, l -> l.get("sequence").size() == 5);
        return id;
    }

    private LocalDate nextWorkingDay(ZonedDateTime after) {
        return calendar.workingDayOnOrAfter(after.toLocalDate().plusDays(1), "CO");
    }

    private void moveClockTo(ZonedDateTime moment) {
        engineClock.advance(Duration.between(clock.instant(), moment.toInstant()));
    }

    /**
     * The lead's sequence waits at the element, which it came to after {@code since} (the process view shows it; an
     * earlier wait there may still show while the view catches up).
     */
    private void awaitWaitingAt(UUID id, String elementId, Instant since) {
        await().atMost(PATIENCE).until(() -> jdbc.sql("""
                        select count(*) from process_element_instance e
                        join process_instance_lead l on l.process_instance_key = e.process_instance_key
                        where l.lead_id = ? and e.element_id = ? and e.since >= ?""")
                .params(id.toString(), elementId, Timestamp.from(since)).query(Long.class).single() == 1);
    }

    private JsonNode awaitDelay(UUID id, int step) {
        return await().atMost(PATIENCE).until(() -> timeline(id, "ATTEMPT_DELAYED").stream()
                .filter(entry -> entry.at("/details/step").asInt() == step).findFirst().orElse(null), entry -> entry != null);
    }

    /** When each sequence email of the lead was queued, in the lead's zone. */
    private List<ZonedDateTime> sentEmails(UUID id) {
        return timeline(id, "EMAIL_SENT").stream()
                .map(entry -> OffsetDateTime.parse(entry.get("at").asText()).atZoneSameInstant(BOGOTA)).toList();
    }

    private Instant plannedAt(UUID id, int step) {
        return OffsetDateTime.parse(lead(id).at("/sequence/" + (step - 1) + "/plannedAt").asText()).toInstant();
    }

    private Instant due(UUID id, int step) {
        return OffsetDateTime.parse(lead(id).at("/sequence/" + (step - 1) + "/due").asText()).toInstant();
    }
}

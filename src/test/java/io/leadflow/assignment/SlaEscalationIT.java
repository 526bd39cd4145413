package io.leadflow.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.engine.EngineRecords;
import io.leadflow.tasklist.RepTaskService;
import io.leadflow.tasklist.TaskNotOpenException;
import jakarta.mail.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The sales side of the SLA on the real engine, its clock moved: a first attempt not made within 4 working hours
 * goes to the rep's manager at the right working hour, who keeps the lead with the rep or reassigns it.
 */
class SlaEscalationIT extends LeadflowIntegrationTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    @Autowired
    RepTaskService tasks;
    @Autowired
    BusinessHoursCalendar calendar;

    @Test
    void aLeadHandedOffFriday1600InMadridEscalatesMonday1200NeverOnTheWeekend() throws Exception {
        ZonedDateTime friday = clock.instant().atZone(MADRID).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.FRIDAY))
                .withHour(16).withMinute(0).withSecond(0).withNano(0);
        while (!calendar.isWorkingDay(friday.toLocalDate(), "CO") || !calendar.isWorkingDay(friday.toLocalDate().plusDays(3), "CO")) {
            friday = friday.plusWeeks(1);
        }
        engineClock.advance(Duration.between(clock.instant(), friday.toInstant()));
        Map<String, Object> lead = new HashMap<>(mqlLead("Lucia"));
        lead.put("timeZone", "Europe/Madrid");
        UUID id = postLead(lead);

        JsonNode firstContact = openTask(awaitLead(id, l -> openTask(l, "First contact") != null), "First contact");
        ZonedDateTime due = OffsetDateTime.parse(firstContact.get("due").asText()).atZoneSameInstant(MADRID);
        assertThat(due.truncatedTo(ChronoUnit.MINUTES).toLocalDateTime()).isEqualTo(friday.plusDays(3).withHour(12).toLocalDateTime());

        engineClock.advance(Duration.ofHours(18)); // Saturday 10:00
        engineClock.advance(Duration.between(clock.instant(), due.toInstant()).minusMinutes(1)); // Monday 11:59
        awaitAtRest(id);
        assertThat(openTask(lead(id), "SLA breach")).as("no breach before the due").isNull();
        assertThat(timelineTypes(id)).doesNotContain("SLA_BREACHED");

        engineClock.advance(Duration.ofMinutes(2));
        JsonNode breach = openTask(awaitLead(id, l -> openTask(l, "SLA breach") != null), "SLA breach");
        assertThat(breach.get("assignee").asText()).isEqualTo("marta");
    }

    @Test
    void aFirstContactNotMadeWithinTheSlaGoesToTheManagerWhoReassignsTheLead() throws Exception {
        UUID id = postLead(mqlLead("Karina"));
        JsonNode firstContact = passFirstContactDue(id);
        assertThat(firstContact.get("assignee").asText()).isEqualTo("ana");

        JsonNode breach = openTask(awaitLead(id, l -> openTask(l, "SLA breach") != null), "SLA breach");
        assertThat(breach.get("assignee").asText()).isEqualTo("marta");
        assertThat(timelineTypes(id)).contains("SLA_BREACHED");
        assertThat(awaitMailAbout("marta@leadflow.local", "Karina")).contains("SLA breach");
        Instant earliest = calendar.dueFromNow(Duration.ofHours(4), "CO", BOGOTA).toInstant().truncatedTo(ChronoUnit.SECONDS);
        tasks.complete(breach.get("id").asLong(), "marta", true, Map.of("slaDecision", "reassign"));

        JsonNode lead = awaitLead(id, l -> !"ana".equals(l.get("owner").asText())
                && !openTask(l, "First contact").get("due").asText().equals(firstContact.get("due").asText()));
        JsonNode moved = openTask(lead, "First contact");
        assertThat(moved.get("assignee").asText()).isEqualTo(lead.get("owner").asText());
        assertThat(OffsetDateTime.parse(moved.get("due").asText()).toInstant()).as("the new rep's full window")
                .isBetween(earliest, calendar.dueFromNow(Duration.ofHours(4), "CO", BOGOTA).toInstant());
        assertThat(timelineTypes(id)).contains("REASSIGNED", "TASKS_MOVED");
    }

    @Test
    void aManagerWhoKeepsTheLeadGivesTheRepANewDue() throws Exception {
        UUID id = postLead(mqlLead("Renata"));
        JsonNode firstContact = passFirstContactDue(id);

        JsonNode breach = openTask(awaitLead(id, l -> openTask(l, "SLA breach") != null), "SLA breach");
        tasks.complete(breach.get("id").asLong(), "marta", true, Map.of("slaDecision", "keep"));

        JsonNode lead = awaitLead(id, l -> openTask(l, "First contact") != null
                && !openTask(l, "First contact").get("due").asText().equals(firstContact.get("due").asText()));
        assertThat(OffsetDateTime.parse(openTask(lead, "First contact").get("due").asText()))
                .isAfter(OffsetDateTime.parse(firstContact.get("due").asText()));
        assertThat(lead.get("owner").asText()).isEqualTo("ana");
        assertThat(timelineTypes(id)).contains("SLA_KEPT");

        // A second miss goes to the manager again: the engine re-armed the SLA at the new due.
        passFirstContactDue(id);
        JsonNode again = openTask(awaitLead(id, l -> openTask(l, "SLA breach") != null), "SLA breach");
        assertThat(again.get("id").asLong()).isNotEqualTo(breach.get("id").asLong());
        assertThat(timeline(id, "SLA_BREACHED")).hasSize(2);
        await().atMost(PATIENCE).until(() -> mailbox("marta@leadflow.local").stream()
                .filter(mail -> subject(mail).contains("Renata")).count() == 2);
    }

    @Test
    void aRepWhoCallsBeforeTheManagerDecidesWithdrawsTheDecisionWhichCanNoLongerBeTaken() throws Exception {
        UUID id = postLead(mqlLead("Ximena"));
        JsonNode firstContact = passFirstContactDue(id);
        JsonNode breach = openTask(awaitLead(id, l -> openTask(l, "SLA breach") != null), "SLA breach");
        assertThat(breach.get("due")).as("the manager's decision has a due").isNotNull();

        tasks.complete(firstContact.get("id").asLong(), "ana", false, Map.of("outcome", "no-answer"));
        awaitLead(id, l -> openTask(l, "SLA breach") == null);
        assertThat(timeline(id, "TASK_CANCELLED")).anySatisfy(withdrawn -> assertThat(withdrawn.get("details").toString())
                .contains("SLA breach").contains("the rep made the first contact before the manager decided"));

        assertThatThrownBy(() -> tasks.complete(breach.get("id").asLong(), "marta", true, Map.of("slaDecision", "reassign")))
                .isInstanceOf(TaskNotOpenException.class);
        awaitAtRest(id);
        assertThat(lead(id).get("owner").asText()).isEqualTo("ana");
        assertThat(timelineTypes(id)).doesNotContain("REASSIGNED", "SLA_KEPT");
    }

    @Test
    void aFirstContactWhoseDueAndNextAttemptBothPassInOneMoveLeavesTheManagerNothingOpenToDecide() {
        UUID id = postLead(mqlLead("Julieta"));
        awaitLead(id, l -> openTask(l, "First contact") != null);

        // leadflow was stopped over a long weekend: the SLA's due and the next attempt's time passed while it was down.
        engineClock.advance(Duration.ofDays(7));
        awaitTimeline(id, "SLA_BREACHED");
        awaitAtRest(id);

        // The call was given up when the next attempt came, so the manager's decision, escalated in the same move,
        // closes too: whether the process withdrew it before or after it reached the task list.
        awaitLead(id, l -> openTask(l, "SLA breach") == null && openTask(l, "First contact") == null);
        assertThat(timeline(id, "TASK_CANCELLED")).anySatisfy(given -> assertThat(given.get("details").toString()).contains("First contact"));
    }

    /**
     * The manager kept the lead late, so the call's new due lies past the moment it is given up (the next attempt due):
     * it leaves the task list then, saying why, not at its new due, and the re-armed SLA escalates nothing more.
     */
    @Test
    void aFirstContactKeptLateLeavesTheTaskListWhenItIsGivenUpNotAtItsNewDue() {
        UUID id = postLead(mqlLead("Paula"));
        passFirstContactDue(id);
        JsonNode breach = openTask(awaitLead(id, l -> openTask(l, "SLA breach") != null), "SLA breach");
        Instant givenUp = firstContactGivenUpAt(id);
        engineClock.advance(Duration.between(clock.instant(), givenUp).minusHours(1));
        tasks.complete(breach.get("id").asLong(), "marta", true, Map.of("slaDecision", "keep"));
        awaitLead(id, l -> OffsetDateTime.parse(openTask(l, "First contact").get("due").asText()).toInstant().isAfter(givenUp));

        engineClock.advance(Duration.ofHours(1).plusMinutes(1));
        awaitLead(id, l -> openTask(l, "First contact") == null);
        assertThat(timeline(id, "TASK_CANCELLED")).anySatisfy(withdrawn -> assertThat(withdrawn.get("details").toString())
                .contains("First contact").contains("the call was not made before the next attempt was due"));
        awaitAtRest(id);
        assertThat(timeline(id, "SLA_BREACHED")).hasSize(1);
    }

    /** When the engine gives the lead's open first contact up: its "Next attempt due" timer. */
    private Instant firstContactGivenUpAt(UUID id) {
        EngineRecords records = engineRecords();
        return records.liveTimers(records.instancesOf(id.toString())).stream()
                .filter(timer -> timer.elementId().equals("BoundaryEvent_FirstContactClosed"))
                .findFirst().orElseThrow().due();
    }

    /** Moves the clocks past the first contact's due (the SLA), which is always in working time. */
    private JsonNode passFirstContactDue(UUID id) {
        JsonNode firstContact = openTask(awaitLead(id, l -> openTask(l, "First contact") != null), "First contact");
        engineClock.advance(Duration.between(clock.instant(), OffsetDateTime.parse(firstContact.get("due").asText()).toInstant())
                .plusMinutes(1));
        return firstContact;
    }

    private static String subject(Message mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String awaitMailAbout(String address, String text) throws Exception {
        return await().atMost(PATIENCE).until(() -> {
            for (Message message : mailbox(address)) {
                if (message.getSubject().contains(text)) {
                    return message.getSubject();
                }
            }
            return null;
        }, subject -> subject != null);
    }
}

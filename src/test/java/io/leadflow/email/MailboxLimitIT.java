package io.leadflow.email;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mailbox's sending limit on the full stack: the rep's mailbox (Ana's, who owns the Colombian leads), connected by a
 * manager with its own limits of 2 sequence emails an hour and 3 a day, sends her mail through its SMTP; an email over
 * the limit waits for the mailbox's next free slot in the lead's working time, the plan and the timeline say so, and no
 * more go than the limit allows, also from reservers at once (a limit from the settings, there).
 */
@TestPropertySource(properties = {"leadflow.mail.limits.mailboxes[busy@leadflow.local].per-day=1000",
        "leadflow.mail.limits.mailboxes[busy@leadflow.local].per-hour=10"})
class MailboxLimitIT extends LeadflowIntegrationTest {

    private static final String ANA = "ana@leadflow.local";
    /** Ana's mailbox in the metrics: her username, never an address. */
    private static final String ANAS_MAILBOX = "ana";
    private static final SendingQuota.Sender BUSY = new SendingQuota.Sender("busy@leadflow.local", "busy");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    SendingQuota quota;
    @Autowired
    MeterRegistry meters;

    @Test
    void fiveEmailsDueAtOnceGoTwoThisHourOneTheNextAndTwoTheNextWorkingDayNeverAFourthThatDay() {
        // A working day followed by two: the follow-ups moved to the next day, the step-2 emails the day after.
        LocalDate day = clock.instant().atZone(BOGOTA).toLocalDate().plusDays(1);
        while (!calendar.isWorkingDay(day, "CO") || !calendar.isWorkingDay(day.plusDays(1), "CO")
                || !calendar.isWorkingDay(day.plusDays(2), "CO")) {
            day = day.plusDays(1);
        }
        moveClockTo(calendar.startOfWorkingDay(day, BOGOTA).plusHours(1));
        mailServer.setUser(ANA, ANA, ANA);
        JsonNode mailbox = api.put().uri("/api/reps/ana/mailbox").contentType(MediaType.APPLICATION_JSON).body(Map.of(
                        "address", ANA, "smtpHost", "127.0.0.1", "smtpPort", smtpPort, "smtpTls", "NONE", "imapHost", "127.0.0.1",
                        "imapPort", imapPort, "imapTls", "NONE", "password", ANA, "perHour", 2, "perDay", 3))
                .retrieve().body(JsonNode.class);
        assertThat(mailbox.get("limit")).isEqualTo(json.valueToTree(new SendingLimit(3, 2)));
        List<Lead> leads = IntStream.range(0, 5).mapToObj(i -> mqlLead("Limit" + i))
                .map(submitted -> new Lead(postLead(submitted), (String) submitted.get("email"))).toList();
        leads.forEach(lead -> awaitLead(lead.id(), l -> l.get("sequence").size() == 5));

        // Five missed first calls at once: five follow-up emails due now.
        ZonedDateTime callsMissed = clock.instant().atZone(BOGOTA);
        leads.forEach(lead -> complete(lead.id(), "First contact", Map.of("outcome", "no-answer")));
        twoNowOneNextHourTwoNextWorkingDay(leads, new Email(1, true), callsMissed);

        // Their step-2 emails, all planned for the same moment two days on.
        ZonedDateTime stepTwo = plannedAt(leads.getFirst().id(), 2).atZone(BOGOTA);
        assertThat(leads).allSatisfy(lead -> assertThat(plannedAt(lead.id(), 2)).isEqualTo(stepTwo.toInstant()));
        moveClockTo(stepTwo);
        twoNowOneNextHourTwoNextWorkingDay(leads, new Email(2, false), stepTwo);

        assertThat(deferred("hour")).isEqualTo(2);
        assertThat(deferred("day")).isEqualTo(4);
        assertThat(meters.get("leadflow.mailbox.sent").tag("mailbox", ANAS_MAILBOX).counter().count()).isEqualTo(10);
        assertThat(meters.get("leadflow.mailbox.limit").tags("mailbox", ANAS_MAILBOX, "period", "day").gauge().value()).isEqualTo(3);
        assertThat(meters.get("leadflow.mailbox.limit").tags("mailbox", ANAS_MAILBOX, "period", "hour").gauge().value()).isEqualTo(2);
    }

    /**
     * The leads' emails, all due at {@code due}: two go in its hour, one waits for the next hour, two for the next
     * working day (the day has room for 3), and the plan and the timeline say so; none more that day.
     */
    private void twoNowOneNextHourTwoNextWorkingDay(List<Lead> leads, Email email, ZonedDateTime due) {
        ZonedDateTime nextHour = due.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        ZonedDateTime nextWorkingDay = calendar.startOfWorkingDay(
                calendar.workingDayOnOrAfter(due.toLocalDate().plusDays(1), "CO"), BOGOTA);
        await().atMost(PATIENCE).until(() -> leads.stream().filter(lead -> sent(lead.id(), email) || delay(lead.id(), email) != null).count() == 5);
        assertThat(leads.stream().filter(lead -> sent(lead.id(), email))).hasSize(2);
        Map<UUID, JsonNode> delays = new HashMap<>();
        leads.stream().filter(lead -> delay(lead.id(), email) != null).forEach(lead -> delays.put(lead.id(), delay(lead.id(), email)));
        assertThat(delays.values()).extracting(d -> d.at("/details/reason").asText())
                .containsExactlyInAnyOrder("MAILBOX_HOUR_LIMIT", "MAILBOX_DAY_LIMIT", "MAILBOX_DAY_LIMIT");
        delays.forEach((id, d) -> {
            assertThat(d.at("/details/mailbox").asText()).isEqualTo(ANA);
            assertThat(OffsetDateTime.parse(d.at("/details/from").asText()).toInstant()).isBetween(due.toInstant(), nextHour.toInstant());
            Instant to = OffsetDateTime.parse(d.at("/details/to").asText()).toInstant();
            assertThat(to).isEqualTo(d.at("/details/reason").asText().equals("MAILBOX_HOUR_LIMIT")
                    ? nextHour.toInstant() : nextWorkingDay.toInstant());
            if (!email.followUp()) {
                assertThat(plannedAt(id, email.step())).as("the plan says so").isEqualTo(to);
            }
        });

        moveClockTo(nextHour);
        await().atMost(PATIENCE).until(() -> leads.stream().filter(lead -> sent(lead.id(), email)).count() == 3);

        // Nothing more that day: at its last working minute, every lead's process at rest, still three sent.
        moveClockTo(calendar.endOfWorkingDay(due.toLocalDate(), BOGOTA).minusMinutes(1));
        awaitAtRest(leads.stream().map(Lead::id).toArray(UUID[]::new));
        assertThat(leads.stream().filter(lead -> sent(lead.id(), email))).hasSize(3);
        int mailsBefore = email.followUp() ? 0 : 5;
        assertThat(leads.stream().mapToInt(lead -> mailbox(lead.email()).size()).sum()).as("sequence emails received")
                .isEqualTo(mailsBefore + 3);

        moveClockTo(nextWorkingDay);
        leads.forEach(lead -> awaitMail(lead.email(), mailsBefore / 5 + 1));
        await().atMost(PATIENCE).until(() -> leads.stream().allMatch(lead -> sent(lead.id(), email)));
        assertThat(leads.stream().map(lead -> sentAt(lead.id(), email)).sorted().toList().subList(3, 5))
                .allSatisfy(at -> assertThat(at.atZone(BOGOTA).toLocalDate()).isEqualTo(nextWorkingDay.toLocalDate()));
    }

    @Test
    void twoNodesReservingAtOnceNeverGiveAMailboxMoreThanItsLimit() throws Exception {
        Instant now = Instant.parse("2027-03-02T15:20:00Z");
        int reservations = 30;
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<SendingQuota.Reservation>>> reserved = new ArrayList<>();
            for (String node : List.of("a", "b")) {
                reserved.add(nodes.submit(() -> {
                    List<SendingQuota.Reservation> mine = new ArrayList<>();
                    for (int i = 0; i < reservations; i++) {
                        together.await();
                        mine.add(quota.reserve("busy:" + node + ":" + i, BUSY, now, at -> at));
                    }
                    return mine;
                }));
            }
            List<SendingQuota.Reservation> all = new ArrayList<>();
            for (Future<List<SendingQuota.Reservation>> node : reserved) {
                all.addAll(node.get());
            }
            assertThat(all.stream().filter(r -> !r.slot().deferred())).hasSize(10);
            assertThat(all.stream().filter(r -> r.slot().deferred()).map(r -> r.slot().at()))
                    .containsOnly(now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)),
                            now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2)),
                            now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(3)),
                            now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(4)),
                            now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(5)));
        } finally {
            nodes.shutdownNow();
        }
        List<Long> perHour = jdbc.sql("""
                        select count(*) from mailbox_send_slot where mailbox = 'busy@leadflow.local'
                        group by date_trunc('hour', slot_at)""").query(Long.class).list();
        assertThat(perHour).hasSize(6).allSatisfy(count -> assertThat(count).isEqualTo(10));
        // A job run again keeps its slot.
        assertThat(quota.reserve("busy:a:0", BUSY, now, at -> at).slot().at()).isEqualTo(
                jdbc.sql("select slot_at from mailbox_send_slot where idempotency_key = 'busy:a:0'")
                        .query(Timestamp.class).single().toInstant());
    }

    private record Lead(UUID id, String email) {
    }

    /** A sequence email of a lead: the attempt's step, and whether it follows up the attempt's call. */
    private record Email(int step, boolean followUp) {

        boolean is(JsonNode entry) {
            return entry.at("/details/step").asInt() == step && entry.at("/details/followUp").asBoolean() == followUp;
        }
    }

    private boolean sent(UUID id, Email email) {
        return timeline(id, "EMAIL_SENT").stream().anyMatch(email::is);
    }

    private Instant sentAt(UUID id, Email email) {
        return timeline(id, "EMAIL_SENT").stream().filter(email::is).findFirst()
                .map(entry -> OffsetDateTime.parse(entry.get("at").asText()).toInstant()).orElseThrow();
    }

    private JsonNode delay(UUID id, Email email) {
        return timeline(id, "ATTEMPT_DELAYED").stream().filter(email::is).findFirst().orElse(null);
    }

    private double deferred(String limit) {
        var counter = meters.find("leadflow.mailbox.deferred").tags("mailbox", ANAS_MAILBOX, "limit", limit).counter();
        return counter == null ? 0 : counter.count();
    }

    private Instant plannedAt(UUID id, int step) {
        return OffsetDateTime.parse(lead(id).at("/sequence/" + (step - 1) + "/plannedAt").asText()).toInstant();
    }

    private void moveClockTo(ZonedDateTime moment) {
        engineClock.advance(Duration.between(clock.instant(), moment.toInstant()));
    }
}

package io.leadflow.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.email.DeliveryStatusReports;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What arrives in leadflow's inbox that no person wrote, on the real engine and mail server: an out-of-office reply
 * pauses the sequence until the lead is back, another automatic reply changes nothing, a hard bounce ends it and
 * suppresses the address, a soft bounce does not end it.
 */
@Order(3) // one of the longest classes: started first (junit-platform.properties)
class AutoRepliesAndBouncesIT extends LeadflowIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOutOfOfficeReplyPausesTheSequenceUntilTheDayAfterTheLeadIsBack() throws Exception {
        LeadAfterMissedCall lead = leadAfterMissedCall("Camila");
        complete(lead.id(), "Social touch after call", Map.of("action", "commented"));
        Instant plannedBefore = plannedAt(lead.id(), 2);
        LocalDate today = clock.instant().atZone(BOGOTA).toLocalDate();
        LocalDate back = MonthDay.of(1, 14).atYear(today.getYear());
        back = back.isBefore(today) ? back.plusYears(1) : back;
        ZonedDateTime firstSlot = calendar.startOfWorkingDay(calendar.workingDayOnOrAfter(back.plusDays(1), "CO"), BOGOTA).plusHours(1);

        MimeMessage outOfOffice = reply(lead.email(), lead.followUp(), "Hola, estoy de vacaciones sin acceso al correo. Vuelvo el 14 de enero.",
                Map.of("Auto-Submitted", "auto-replied"));
        outOfOffice.setSubject("Respuesta automática: " + lead.followUp().getSubject());
        outOfOffice.setSentDate(Date.from(clock.instant()));
        sendToInbox(outOfOffice);

        awaitTimeline(lead.id(), "SEQUENCE_PAUSED");
        JsonNode paused = timeline(lead.id(), "SEQUENCE_PAUSED").getFirst().get("details");
        assertThat(paused.get("until").asText()).isEqualTo(back.plusDays(1).toString());
        assertThat(paused.get("returnsOn").asText()).isEqualTo(back.toString());
        assertThat(paused.get("reason").asText()).isEqualTo("OUT_OF_OFFICE");
        assertThat(plannedAt(lead.id(), 2)).isEqualTo(firstSlot.toInstant());

        engineClock.advance(Duration.between(clock.instant(), plannedBefore).plusHours(1));
        awaitAtRest(lead.id());
        assertThat(timelineTypes(lead.id()).stream().filter("EMAIL_SENT"::equals))
                .as("no email at the time planned before the out-of-office reply").hasSize(1);

        engineClock.advance(Duration.between(clock.instant(), firstSlot.toInstant()).plusSeconds(1));
        awaitMail(lead.email(), 2);
        assertThat(timelineTypes(lead.id())).doesNotContain("SEQUENCE_ENDED");
    }

    @Test
    void aTicketSystemsAutomaticReplyNeitherEndsNorPausesTheSequence() throws Exception {
        LeadAfterMissedCall lead = leadAfterMissedCall("Tomas");
        complete(lead.id(), "Social touch after call", Map.of("action", "commented"));
        Instant planned = plannedAt(lead.id(), 2);

        MimeMessage ticket = reply(lead.email(), lead.followUp(),
                "Hemos recibido tu solicitud (ticket #48213). Te responderemos antes del 14/01.", Map.of("Auto-Submitted", "auto-generated"));
        ticket.setSubject("[Ticket #48213] " + lead.followUp().getSubject());
        sendToInbox(ticket);

        awaitTimeline(lead.id(), "AUTO_REPLY_IGNORED");
        assertThat(plannedAt(lead.id(), 2)).isEqualTo(planned);
        engineClock.advance(Duration.between(clock.instant(), planned).plusSeconds(1));
        awaitMail(lead.email(), 2);
        assertThat(timelineTypes(lead.id())).doesNotContain("SEQUENCE_PAUSED", "SEQUENCE_ENDED", "REPLIED");
    }

    @Test
    void aHardBounceEndsTheSequenceAndSuppressesTheAddress() throws Exception {
        LeadAfterMissedCall lead = leadAfterMissedCall("Elena");

        sendReport(lead.email(), lead.followUp(), "failed", "5.1.1");

        awaitTimeline(lead.id(), "SEQUENCE_ENDED");
        assertThat(timeline(lead.id(), "BOUNCED").getFirst().at("/details/deliveryStatus").asText()).isEqualTo("5.1.1");
        assertThat(jdbc.sql("select reason from suppression where email_key = ?").param(lead.email()).query(String.class).single())
                .isEqualTo("BOUNCED");
    }

    @Test
    void aSoftBounceDoesNotEndTheSequenceAndTheNextAttemptStillGoes() throws Exception {
        LeadAfterMissedCall lead = leadAfterMissedCall("Sofia");
        complete(lead.id(), "Social touch after call", Map.of("action", "commented"));

        sendReport(lead.email(), lead.followUp(), "failed", "4.2.2");

        awaitTimeline(lead.id(), "SOFT_BOUNCE_IGNORED");
        assertThat(timeline(lead.id(), "SOFT_BOUNCE_IGNORED").getFirst().at("/details/softBounces").asInt()).isEqualTo(1);
        engineClock.advance(Duration.between(clock.instant(), plannedAt(lead.id(), 2)).plusSeconds(1));
        Message second = awaitMail(lead.email(), 2).get(1);

        // Another report on the first email counts no more; the second email's is the lead's second soft bounce of three.
        sendReport(lead.email(), lead.followUp(), "delayed", "4.4.1");
        sendReport(lead.email(), second, "failed", "4.2.2");
        await().atMost(PATIENCE).until(() -> timeline(lead.id(), "SOFT_BOUNCE_IGNORED").size() == 3);
        assertThat(timeline(lead.id(), "SOFT_BOUNCE_IGNORED")).extracting(entry -> entry.at("/details/softBounces").asInt())
                .containsExactlyInAnyOrder(1, 0, 2);
        assertThat(timelineTypes(lead.id())).doesNotContain("BOUNCED", "SEQUENCE_ENDED");
        assertThat(jdbc.sql("select count(*) from suppression where email_key = ?").param(lead.email()).query(Integer.class).single())
                .isZero();
    }

    private Instant plannedAt(UUID id, int step) {
        JsonNode attempt = awaitLead(id, l -> l.get("sequence").size() >= step).get("sequence").get(step - 1);
        return OffsetDateTime.parse(attempt.get("plannedAt").asText()).toInstant();
    }

    /**
     * The lead's mail server reports on one of the lead's emails: the report goes to the embedded SMTP server as it was
     * written (no header of it rewritten on the way).
     */
    private void sendReport(String email, Message about, String action, String status) throws MessagingException {
        MimeMessage report = DeliveryStatusReports.report(smtpSession(), email, about.getHeader("Message-ID")[0], action, status);
        try (Transport transport = smtpSession().getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(report, new InternetAddress[] {new InternetAddress("leadflow@leadflow.local")});
        }
    }
}

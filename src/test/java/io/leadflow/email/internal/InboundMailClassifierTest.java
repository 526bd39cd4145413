package io.leadflow.email.internal;

import io.leadflow.email.DeliveryStatusReports;
import io.leadflow.email.InboundMail;
import io.leadflow.email.ReplyIntent;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Mails as they reach leadflow's inbox, told apart and, for a person's reply, read for what it means. */
class InboundMailClassifierTest {

    private static final UUID LEAD = UUID.fromString("0b7e6c3a-4f1d-4a8e-9c55-2d3f4a5b6c7d");
    private static final String SENT = "<sequence-1@leadflow.local>";

    /** Leadflow's now: Monday 7 December 2026, 10:00 in Bogotá. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T15:00:00Z"), ZoneOffset.UTC);

    private final InboundMailClassifier classifier = new InboundMailClassifier(new ReplyIntentClassifier(), NOW);
    private final Session session = Session.getInstance(new Properties());

    @Test
    void aPlainTextReplyIsReadWithoutTheMailItQuotes() throws Exception {
        MimeMessage reply = reply();
        reply.setText("""
                Ahora no es buen momento, escríbeme en marzo.

                El lun, 2 mar 2026 a las 10:00, Ana Torres <ana@leadflow.local> escribió:
                > Si no quieres recibir más correos, date de baja aquí: https://leadflow.example/unsubscribe/abc
                """, "UTF-8");

        var classification = classifier.classify(saved(reply));

        assertThat(classification.referencedMessageIds()).containsExactly(SENT);
        assertThat(classification.event(LEAD, "<r1@andesnet.co>", "Re: a quick question"))
                .isEqualTo(new InboundMail(LEAD, InboundMail.Kind.REPLY, "<r1@andesnet.co>", "Re: a quick question", ReplyIntent.NOT_NOW,
                        "ahora no", null, SENT, LocalDate.of(2027, 3, 1), null)); // "not now": when to come back, from its own words
    }

    @Test
    void anHtmlOnlyReplyIsReadWithoutItsQuotedBlock() throws Exception {
        MimeMessage reply = reply();
        reply.setContent("""
                <html><head><style>p { margin: 0 }</style></head><body>
                <div dir="ltr">Please take me off&nbsp;your list.<br>Laura</div>
                <div class="gmail_quote">On Mon, 2 Mar 2026 at 10:00, Ben Carter &lt;ben@leadflow.local&gt; wrote:<br>
                <blockquote>Interested? Reply and let&#39;s talk.</blockquote></div></body></html>""", "text/html; charset=UTF-8");

        var classification = classifier.classify(saved(reply));

        assertThat(classification.reading()).isEqualTo(new ReplyIntentClassifier.Reading(ReplyIntent.UNSUBSCRIBE_REQUEST, "take me off"));
    }

    @Test
    void anHtmlReplyBetweenQuotedBlocksIsReadAsHtmlAndNotAsTextBetweenAngleBrackets() throws Exception {
        MimeMessage reply = reply();
        reply.setContent("""
                <blockquote>Would a demo on Thursday help?</blockquote>
                <p title="answer > question">Gracias, pero no me interesa.</p>
                <blockquote>Interested? Reply and let&#39;s talk.</blockquote>""", "text/html; charset=UTF-8");

        var classification = classifier.classify(saved(reply));

        assertThat(classification.reading()).isEqualTo(new ReplyIntentClassifier.Reading(ReplyIntent.NOT_INTERESTED, "no me interesa"));
    }

    @Test
    void aReplyWithPlainAndHtmlPartsIsReadFromItsPlainText() throws Exception {
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText("I'm no longer with Acme, please write to Sarah Kim.", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Let's talk!</p>", "text/html; charset=UTF-8");
        MimeMessage reply = reply();
        reply.setContent(new MimeMultipart("alternative", plain, html));

        assertThat(classifier.classify(saved(reply)).reading().intent()).isEqualTo(ReplyIntent.WRONG_PERSON);
    }

    @Test
    void anOutOfOfficeReplyTellsTheDayTheLeadIsBack() throws Exception {
        MimeMessage outlook = reply();
        outlook.setSubject("Respuesta automática: Carlos, una pregunta rápida");
        outlook.setHeader("Auto-Submitted", "auto-replied");
        outlook.setHeader("X-Auto-Response-Suppress", "All");
        outlook.setHeader("Date", "Mon, 7 Dec 2026 21:30:00 -0500");
        outlook.setText("Hola, estoy de vacaciones sin acceso al correo. Vuelvo el 14 de enero.", "UTF-8");

        var event = classifier.classify(saved(outlook)).event(LEAD, "<a1@andesnet.co>", "Respuesta automática");

        assertThat(event.kind()).isEqualTo(InboundMail.Kind.OUT_OF_OFFICE);
        assertThat(event.returnsOn()).isEqualTo(LocalDate.of(2027, 1, 14));
        assertThat(event.sentMessageId()).isEqualTo(SENT);
        assertThat(event.intent()).isNull();
    }

    @Test
    void anOutOfOfficeIsToldByItsSubjectOrVendorHeaderAndMayGiveNoDay() throws Exception {
        MimeMessage gmail = reply();
        gmail.setSubject("Out of Office");
        gmail.setText("I am out of the office with limited access to email.", "UTF-8");
        MimeMessage vendor = reply();
        vendor.setHeader("X-Autoreply", "yes");
        vendor.setText("I'm on vacation until 01/11.", "UTF-8");

        assertThat(classifier.classify(saved(gmail))).extracting(c -> c.kind(), c -> c.returnsOn())
                .containsExactly(InboundMail.Kind.OUT_OF_OFFICE, null);
        // No Date header: the day it arrived.
        assertThat(classifier.classify(saved(vendor)).returnsOn()).isEqualTo(LocalDate.of(2027, 1, 11));
    }

    @Test
    void aTicketSystemOrAnUnmonitoredMailboxIsAnotherAutomaticReply() throws Exception {
        MimeMessage ticket = reply();
        ticket.setHeader("Auto-Submitted", "auto-generated");
        ticket.setSubject("[Ticket #48213] Re: a quick question");
        ticket.setText("Hemos recibido tu solicitud. Te responderemos antes del 14/01.", "UTF-8");
        MimeMessage unmonitored = reply();
        unmonitored.setFrom(new InternetAddress("no-reply@andesnet.co"));
        unmonitored.setText("This mailbox is not monitored.", "UTF-8");
        MimeMessage bulk = reply();
        bulk.setHeader("Precedence", "bulk");
        bulk.setText("Thanks! We'll be in touch.", "UTF-8");

        for (MimeMessage automatic : List.of(ticket, unmonitored, bulk)) {
            var event = classifier.classify(saved(automatic)).event(LEAD, "<a1@andesnet.co>", "Auto");
            assertThat(event.kind()).isEqualTo(InboundMail.Kind.AUTO_REPLY);
            assertThat(event.intent()).isNull();
            assertThat(event.returnsOn()).isNull();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(textBlock = """
            failed,  5.1.1, HARD_BOUNCE
            failed,  4.2.2, SOFT_BOUNCE
            delayed, 4.4.1, SOFT_BOUNCE
            """)
    void aDeliveryStatusNotificationIsAHardOrSoftBounceOfTheMailItReturns(String action, String status, InboundMail.Kind kind)
            throws Exception {
        var event = classifier.classify(deliveryStatus(action, status)).event(LEAD, "<b1@andesnet.co>", "Undelivered");

        assertThat(event.kind()).isEqualTo(kind);
        assertThat(event.deliveryStatus()).isEqualTo(status);
        assertThat(event.sentMessageId()).isEqualTo(SENT);
        assertThat(event.intent()).isNull();
    }

    @Test
    void aReportOfADeliveryThatWentThroughIsNoBounce() throws Exception {
        assertThat(classifier.classify(deliveryStatus("delivered", "2.0.0")).kind()).isEqualTo(InboundMail.Kind.AUTO_REPLY);
    }

    private MimeMessage deliveryStatus(String action, String status) throws Exception {
        return DeliveryStatusReports.report(session, "carlos@andesnet.co", SENT, action, status);
    }

    private MimeMessage reply() throws Exception {
        MimeMessage reply = new MimeMessage(session);
        reply.setHeader("In-Reply-To", SENT);
        reply.setSubject("Re: a quick question");
        return reply;
    }

    /** The message as the inbox hands it over: written out and read back, so its parts are parsed as received. */
    private MimeMessage saved(MimeMessage message) throws Exception {
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return new MimeMessage(session, new ByteArrayInputStream(out.toByteArray()));
    }
}

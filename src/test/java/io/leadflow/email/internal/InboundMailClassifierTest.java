package io.leadflow.email.internal;

import io.leadflow.email.InboundMail;
import io.leadflow.email.ReplyIntent;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Mails as they reach leadflow's inbox, told apart and, for a person's reply, read for what it means. */
class InboundMailClassifierTest {

    private static final UUID LEAD = UUID.fromString("0b7e6c3a-4f1d-4a8e-9c55-2d3f4a5b6c7d");
    private static final String SENT = "<sequence-1@leadflow.local>";

    private final InboundMailClassifier classifier = new InboundMailClassifier(new ReplyIntentClassifier());
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
                .isEqualTo(new InboundMail(LEAD, InboundMail.Kind.REPLY, "<r1@andesnet.co>", "Re: a quick question", ReplyIntent.NOT_NOW, "ahora no"));
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
    void anAutomaticReplyOrABounceMeansNothingForTheRep() throws Exception {
        MimeMessage outOfOffice = reply();
        outOfOffice.setHeader("Auto-Submitted", "auto-replied");
        outOfOffice.setText("Estoy de vacaciones hasta el 15. No me interesa leer correo.", "UTF-8");
        MimeBodyPart status = new MimeBodyPart();
        status.setContent("Reporting-MTA: dns; mx.andesnet.co\r\n\r\nFinal-Recipient: rfc822; carlos@andesnet.co\r\n"
                + "Action: failed\r\nStatus: 5.1.1\r\n", "message/delivery-status");
        MimeBodyPart headers = new MimeBodyPart();
        headers.setContent("Message-ID: " + SENT + "\r\n", "text/rfc822-headers");
        MimeMessage bounce = new MimeMessage(session);
        bounce.setContent(new MimeMultipart("report; report-type=delivery-status", status, headers));

        var automatic = classifier.classify(saved(outOfOffice)).event(LEAD, "<a1@andesnet.co>", "Fuera de la oficina");
        var bounced = classifier.classify(saved(bounce)).event(LEAD, "<b1@andesnet.co>", "Undelivered");

        assertThat(automatic.kind()).isEqualTo(InboundMail.Kind.AUTO_REPLY);
        assertThat(bounced.kind()).isEqualTo(InboundMail.Kind.HARD_BOUNCE);
        assertThat(automatic.intent()).isNull();
        assertThat(bounced.intent()).isNull();
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

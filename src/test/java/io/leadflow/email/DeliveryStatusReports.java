package io.leadflow.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** RFC 3464 delivery status notifications as a receiving mail server writes them, for tests. */
public final class DeliveryStatusReports {

    private DeliveryStatusReports() {
    }

    /**
     * A report that the mail {@code returnedMessageId} to {@code recipient} ended with {@code action} ("failed",
     * "delayed", "delivered") and {@code status} (5.1.1, 4.2.2), returning that mail's headers.
     */
    public static MimeMessage report(Session session, String recipient, String returnedMessageId, String action, String status)
            throws MessagingException {
        String report = """
                From: Mail Delivery System <mailer-daemon@mx.andesnet.co>
                To: leadflow@leadflow.local
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <%s@mx.andesnet.co>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="report"

                --report
                Content-Type: text/plain; charset=us-ascii

                Your message could not be delivered.
                --report
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.andesnet.co

                Final-Recipient: rfc822; %s
                Action: %s
                Status: %s
                Diagnostic-Code: smtp; %s

                --report
                Content-Type: text/rfc822-headers

                Message-ID: %s
                To: %s

                --report--
                """.formatted(UUID.randomUUID(), recipient, action, status, status,
                returnedMessageId, recipient).replace("\n", "\r\n");
        return new MimeMessage(session, new ByteArrayInputStream(report.getBytes(StandardCharsets.US_ASCII)));
    }
}

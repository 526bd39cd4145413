package io.leadflow.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures Angus Mail reports leadflow gives up on at once (a 5xx), and which it tries again. */
class SendFailureTest {

    private static final InternetAddress LEAD = address("ana@telcomex.co");

    @Test
    void aRecipientRefusedWith5xxIsPermanentAndSaysWhyInOneLine() {
        SendFailure failure = SendFailure.of(invalidAddresses(new SMTPAddressFailedException(LEAD, "RCPT TO:<ana@telcomex.co>", 550,
                "550 5.1.1 <ana@telcomex.co>: no such user\n")));
        assertThat(failure.permanent()).isTrue();
        assertThat(failure.error()).isEqualTo("Invalid Addresses: 550 5.1.1 <ana@telcomex.co>: no such user");
    }

    @Test
    void aRecipientDeferredWith4xxIsTransient() {
        SendFailure failure = SendFailure.of(invalidAddresses(new SMTPAddressFailedException(LEAD, "RCPT TO:<ana@telcomex.co>", 452,
                "452 4.2.2 mailbox full")));
        assertThat(failure.permanent()).isFalse();
        assertThat(failure.error()).isEqualTo("Invalid Addresses: 452 4.2.2 mailbox full");
    }

    @Test
    void theSenderOrTheMessageRefusedWith5xxIsPermanent() {
        assertThat(SendFailure.of(new SMTPSenderFailedException(address("ana@leadflow.local"), "MAIL FROM:<ana@leadflow.local>", 553,
                "553 5.7.1 sender not allowed")).permanent()).isTrue();
        assertThat(SendFailure.of(new SMTPSendFailedException(".", 554, "554 5.7.1 message rejected as spam", null,
                new Address[0], new Address[]{LEAD}, new Address[0])).permanent()).isTrue();
    }

    @Test
    void theMessageDeferredWith4xxIsTransient() {
        assertThat(SendFailure.of(new SMTPSendFailedException(".", 451, "451 4.7.1 greylisted, try again later", null,
                new Address[0], new Address[]{LEAD}, new Address[0])).permanent()).isFalse();
    }

    @Test
    void noConnectionOrAFailureWithoutAReplyIsTransient() {
        MailConnectException refused = new MailConnectException(new SocketConnectException("Couldn't connect to host",
                new ConnectException("Connection refused"), "smtp.leadflow.local", 587, 10_000));
        assertThat(SendFailure.of(refused).permanent()).isFalse();
        assertThat(SendFailure.of(refused).error()).startsWith("Couldn't connect to host, port: smtp.leadflow.local, 587")
                .contains("Connection refused").doesNotContain("\n");
        assertThat(SendFailure.of(new MessagingException("[EOF]")).permanent()).isFalse();
        assertThat(SendFailure.of(new MessagingException()).error()).isEqualTo("MessagingException");
    }

    @Test
    void aLongAnswerIsCut() {
        assertThat(SendFailure.of(new MessagingException("451 " + "x".repeat(2_000))).error())
                .hasSize(SendFailure.MAX_LENGTH).endsWith("…");
    }

    private static SendFailedException invalidAddresses(SMTPAddressFailedException recipient) {
        return new SendFailedException("Invalid Addresses", recipient, new Address[0], new Address[0], new Address[]{LEAD});
    }

    private static InternetAddress address(String address) {
        try {
            return new InternetAddress(address);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.leadflow.engine;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the team's mail server received of leadflow's outbox, read over IMAP as a mail client does. */
final class ReceivedMail {

    private ReceivedMail() {
    }

    /**
     * Waits until every mail in the outbox is sent, checks that each is in its recipient's mailbox, and answers how
     * many were resent: a mail in a mailbox more than once (same Message-ID) was sent again after a kill.
     */
    static long resent(JdbcClient db, int imapPort, Duration patience) throws MessagingException {
        await().atMost(patience).until(() -> db.sql("select count(*) from outbound_mail where status <> 'SENT'").query(Long.class).single() == 0);
        Map<String, Long> received = new HashMap<>();
        for (String recipient : db.sql("select distinct recipient from outbound_mail").query(String.class).list()) {
            messageIdsIn(recipient, imapPort).forEach(id -> received.merge(recipient + " " + id, 1L, Long::sum));
        }
        List<String> sent = db.sql("select recipient || ' ' || message_id from outbound_mail").query(String.class).list();
        assertThat(received.keySet()).as("every mail sent is received").containsAll(sent);
        return received.values().stream().mapToLong(copies -> copies - 1).sum();
    }

    private static List<String> messageIdsIn(String address, int imapPort) throws MessagingException {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", imapPort, address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            FetchProfile headers = new FetchProfile();
            headers.add("Message-ID");
            inbox.fetch(messages, headers);
            List<String> ids = new ArrayList<>();
            for (Message message : messages) {
                ids.add(message.getHeader("Message-ID")[0]);
            }
            inbox.close(false);
            return ids;
        }
    }
}

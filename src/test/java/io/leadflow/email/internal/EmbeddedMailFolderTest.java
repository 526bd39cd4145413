package io.leadflow.email.internal;

import io.leadflow.FreePorts;

import com.icegreen.greenmail.imap.ImapSessionFolder;
import com.icegreen.greenmail.store.ListBasedStoredMessageCollection;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded mail server's folders keep their UIDs between changes (leadflow's copy of GreenMail's message list): the
 * copy is the one loaded, and a read by UID after messages arrive and are expunged gives each message its own UID and
 * number.
 */
class EmbeddedMailFolderTest {

    private static final String REP = "ana@leadflow.local";

    private GreenMail server;
    private ServerSetup smtp;
    private ServerSetup imap;

    @BeforeEach
    void start() {
        smtp = new ServerSetup(FreePorts.pick(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        imap = new ServerSetup(FreePorts.pick(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        server = new GreenMail(new ServerSetup[] {smtp, imap});
        server.start();
        server.setUser(REP, REP, "secret");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void theMessageListAndTheSessionsFolderAreLeadflowsOwn() {
        assertThat(List.of(ListBasedStoredMessageCollection.class, ImapSessionFolder.class))
                .extracting(copy -> copy.getProtectionDomain().getCodeSource().getLocation())
                .containsOnly(EmbeddedMailServerConfiguration.class.getProtectionDomain().getCodeSource().getLocation());
    }

    @Test
    void readsByUidSeeEachChangeOfTheFolder() throws MessagingException {
        deliver("one", "two", "three");
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imap.getPort(), REP, "secret");
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertThat(read(inbox, 1)).containsExactly("1 #1 one", "2 #2 two", "3 #3 three");

            inbox.getMessageByUID(2).setFlag(Flags.Flag.DELETED, true);
            inbox.expunge();
            deliver("four");
            assertThat(read(inbox, 1)).containsExactly("1 #1 one", "3 #2 three", "4 #3 four");
            assertThat(read(inbox, 4)).containsExactly("4 #3 four");
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    private void deliver(String... subjects) {
        // The server counts the messages its mailboxes hold: one expunged is counted no more.
        int held = server.getReceivedMessages().length + subjects.length;
        for (String subject : subjects) {
            GreenMailUtil.sendTextEmail(REP, "lead@example.com", subject, "body", smtp);
        }
        assertThat(server.waitForIncomingEmail(30_000, held)).as("delivered").isTrue();
    }

    /** "uid #number subject" of every message from this UID on, as a fresh read sees them. */
    private static List<String> read(IMAPFolder inbox, long from) throws MessagingException {
        // A new message arrives in an open folder on the next command: NOOP asks for it.
        inbox.doCommand(protocol -> {
            protocol.noop();
            return null;
        });
        List<String> read = new ArrayList<>();
        for (Message message : inbox.getMessagesByUID(from, UIDFolder.LASTUID)) {
            read.add(inbox.getUID(message) + " #" + message.getMessageNumber() + " " + message.getSubject());
        }
        return read;
    }
}

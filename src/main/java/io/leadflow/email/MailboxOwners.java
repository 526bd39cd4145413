package io.leadflow.email;

import java.util.List;

/**
 * Who has a mailbox leadflow reads (the reps), told by the module that knows them. In the embedded default each of
 * them reads and sends on the embedded mail server unless a manager connected their own mailbox.
 */
public interface MailboxOwners {

    /** @param owner the key their connected mailbox is kept under (a rep's username) */
    record Owner(String owner, String address) {
    }

    List<Owner> mailboxOwners();
}

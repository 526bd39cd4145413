package io.leadflow.email.internal;

/**
 * The mailboxes of the embedded mail server of the development build ({@code leadflow.mail.embedded.enabled}); the
 * production jar has no such server, and so no bean of this type.
 */
public interface EmbeddedMailboxes {

    /** The server opens an address's mailbox with its first mail: this opens it before, so it can be read all the same. */
    void open(String address, String username, String password);
}

package io.leadflow.email;

/**
 * A mailbox leadflow sends through (SMTP) and reads (IMAP) with one login: a rep's own, or one of the embedded
 * server's. Its {@link #toString()} leaves the password out, so no log line can carry it.
 *
 * @param address  the mailbox's address: mail from it goes out through {@code smtp}
 * @param username the login on both servers
 * @param password the password or app password, in memory only (stored encrypted)
 */
public record ConnectedMailbox(String address, Server smtp, Server imap, String username, String password) {

    /** How the connection is secured: none (plain, for a server on the same host), STARTTLS, or TLS from the start. */
    public enum Tls { NONE, STARTTLS, TLS }

    public record Server(String host, int port, Tls tls) {

        @Override
        public String toString() {
            return host + ":" + port + " (" + tls + ")";
        }
    }

    @Override
    public String toString() {
        return "ConnectedMailbox[" + username + " at " + address + ", smtp " + smtp + ", imap " + imap + "]";
    }
}

package io.leadflow.email;

/**
 * Why a mailbox could not be reached, in words a manager can act on.
 *
 * @param reason "login refused", "host unknown", "host unreachable", "no answer in time", "TLS failed" or "failed"
 * @param detail what the server or the network said
 */
public record MailboxFailure(String reason, String detail) {

    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}

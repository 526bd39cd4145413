package io.leadflow.email;

/** Where a mailbox's sending limit comes from (today the settings, {@code leadflow.mail.limits.*}). */
public interface SendingLimits {

    /** The limit of the mailbox with this address (any case). */
    SendingLimit limitOf(String mailbox);
}

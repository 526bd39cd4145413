package io.leadflow.email;

/** How many sequence emails a mailbox sends at most in an hour and in a (UTC) day. */
public record SendingLimit(int perDay, int perHour) {

    public SendingLimit {
        if (perDay < 1 || perHour < 1) {
            throw new IllegalArgumentException("A sending limit is at least 1 an hour and 1 a day");
        }
    }
}

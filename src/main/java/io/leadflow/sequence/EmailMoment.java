package io.leadflow.sequence;

import java.time.ZonedDateTime;

/**
 * When an email that waits for the lead's working time and a free slot in its rep's mailbox goes (a missed call's
 * follow-up, nurture content), in the lead's zone, and whether that is now.
 */
public record EmailMoment(ZonedDateTime at, boolean now) {
}

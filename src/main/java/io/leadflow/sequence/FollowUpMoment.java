package io.leadflow.sequence;

import java.time.ZonedDateTime;

/** When the follow-up email of a missed call goes, in the lead's zone, and whether that is now. */
public record FollowUpMoment(ZonedDateTime at, boolean now) {
}

package io.leadflow.lead;

import java.time.ZoneId;

/** A lead left the stage it entered {@code from} for {@code to}: a lead of that country and zone, for time in stage in working hours. */
public record StageLeft(StageMove from, StageMove to, String country, ZoneId zone) {
}

package io.leadflow.lead;

import java.time.ZoneId;
import java.util.UUID;

/**
 * The lead left the stage it entered {@code from} for {@code to}: a lead of that country and zone, for time in stage in
 * working hours.
 */
public record StageLeft(UUID leadId, StageMove from, StageMove to, String country, ZoneId zone) {
}

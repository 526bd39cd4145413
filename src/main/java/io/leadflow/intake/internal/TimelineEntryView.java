package io.leadflow.intake.internal;

import java.time.OffsetDateTime;
import java.util.Map;

public record TimelineEntryView(String type, OffsetDateTime at, Map<String, Object> details) {
}

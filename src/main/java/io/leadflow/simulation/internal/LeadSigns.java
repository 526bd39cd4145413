package io.leadflow.simulation.internal;

import io.leadflow.lead.Timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lead's signs (a reply, a booked meeting, an unsubscribe, a bounce) as history records them, each placed after the
 * touch that preceded it: the last sequence email sent before it (its step), else the sequence's start (step 0), and
 * how long after that touch it came. A sign before any sequence is placed after its start, at once.
 */
final class LeadSigns {

    /** A sign that comes {@code after} the touch of step {@code afterStep}; {@code order} is its place in history. */
    record Pending(int afterStep, Duration after, int order, String type, Map<String, Object> details) {
    }

    private LeadSigns() {
    }

    static List<Pending> of(List<Timeline.Entry> history, Set<String> signTypes) {
        List<Pending> signs = new ArrayList<>();
        int step = 0;
        Instant touchedAt = null;
        for (Timeline.Entry entry : history) {
            if (entry.type().equals(Timeline.Type.SEQUENCE_PLANNED.name())) {
                step = 0;
                touchedAt = entry.at();
            } else if (entry.type().equals(Timeline.Type.EMAIL_SENT.name()) && entry.details().get("step") instanceof Number sent) {
                step = sent.intValue();
                touchedAt = entry.at();
            } else if (signTypes.contains(entry.type())) {
                signs.add(new Pending(step, touchedAt == null ? Duration.ZERO : Duration.between(touchedAt, entry.at()),
                        signs.size(), entry.type(), entry.details()));
            }
        }
        return List.copyOf(signs);
    }
}

package io.leadflow.sequence.internal;

import java.util.Map;
import java.util.UUID;

/** The idempotency key of a sequence email: one per lead, round, step and follow-up (or connected call); also its mailbox slot's key. */
public final class SequenceEmailKey {

    /** A nurture email is no attempt of a sequence: step 0 where a step is stored (its tracking). */
    public static final int NURTURE_STEP = 0;

    private SequenceEmailKey() {
    }

    public static String of(UUID leadId, int round, int step, boolean followUp) {
        return ofRound(leadId, round) + step + (followUp ? ":follow-up" : "");
    }

    /** The email after the round's connected call: the content the call promised. */
    public static String connectedCall(UUID leadId, int round) {
        return ofRound(leadId, round) + "connected-call";
    }

    /** The nurture content the cadence brought on {@code day}: one email per lead and day. */
    public static String nurture(UUID leadId, String day) {
        return prefix(leadId) + "nurture:" + day;
    }

    /** How the timeline names an email's place: its step, or {@code nurture} for the nurture track's content. */
    public static Map<String, Object> place(int step) {
        return step == NURTURE_STEP ? Map.of("nurture", true) : Map.of("step", step);
    }

    /** What the keys of the round's emails start with: the first round's keep the form they had before there were rounds. */
    private static String ofRound(UUID leadId, int round) {
        return prefix(leadId) + (round == 1 ? "" : "round-" + round + ":");
    }

    /** What the keys of all the lead's sequence emails start with. */
    public static String prefix(UUID leadId) {
        return "sequence:" + leadId + ":";
    }
}

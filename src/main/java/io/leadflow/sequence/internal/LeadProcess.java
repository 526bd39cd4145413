package io.leadflow.sequence.internal;

import io.leadflow.email.ReplyIntent;
import io.leadflow.sequence.SequenceExits;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A lead's running process, as the sequence tells it what happened outside it. Each call reaches the process at once
 * (and fails when the engine cannot be told), in the caller's transaction if it has one. The models' glue
 * ({@code SequenceMessages}, in workers/) names the messages and fills their variables.
 */
public interface LeadProcess {

    /** The lead's sequence ended early for this reason ({@link #replied} for a reply that ends it). */
    void sequenceEnded(UUID leadId, SequenceExits.Exit exit);

    /**
     * The lead's reply ended its sequence: what it means, who it says to talk to instead (null: nobody named) and the day
     * it says to come back (null: none named).
     */
    void replied(UUID leadId, ReplyIntent intent, String referral, LocalDate returnsOn);

    /** A sign from a nurtured lead, in words ("Link clicked: …"): its nurture ends and the lead goes back to MQL. */
    void engaged(UUID leadId, String sign);

    /** The lead's plan changed (a pause or its end): an attempt waiting for its time reads it again. */
    void rescheduled(UUID leadId);

    /** The lead's nurture now ends on another day; only a nurture waiting now takes it. */
    void nurtureDateChanged(UUID leadId, LocalDate until);
}

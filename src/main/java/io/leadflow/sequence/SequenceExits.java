package io.leadflow.sequence;

import io.leadflow.engine.ProcessEngine;
import io.leadflow.intake.Lead;
import io.leadflow.intake.LeadRepository;
import io.leadflow.intake.Timeline;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What ends a lead's sequence from outside the process: a reply, a booked meeting, an unsubscribe, a
 * bounce, a rep's stop. Each is recorded and sent to the engine as a message; the sequence model's
 * interrupting event sub-processes do the ending.
 */
@Service
public class SequenceExits {

    public enum Exit {
        REPLIED("lead-replied"),
        MEETING_BOOKED("meeting-booked"),
        UNSUBSCRIBED("lead-unsubscribed"),
        BOUNCED("mail-bounced"),
        STOPPED("sequence-stopped");

        private final String message;

        Exit(String message) {
            this.message = message;
        }
    }

    private final LeadRepository leads;
    private final SuppressionList suppressions;
    private final ProcessEngine engine;
    private final Timeline timeline;

    SequenceExits(LeadRepository leads, SuppressionList suppressions, ProcessEngine engine, Timeline timeline) {
        this.leads = leads;
        this.suppressions = suppressions;
        this.engine = engine;
        this.timeline = timeline;
    }

    public void exit(UUID leadId, Exit exit, Map<String, Object> details) {
        Lead lead = leads.get(leadId);
        if (exit == Exit.UNSUBSCRIBED) {
            suppressions.suppress(lead.email(), SuppressionList.Reason.UNSUBSCRIBED);
        } else if (exit == Exit.BOUNCED) {
            suppressions.suppress(lead.email(), SuppressionList.Reason.BOUNCED);
        }
        Map<String, Object> recorded = new LinkedHashMap<>(details);
        recorded.put("exit", exit.name());
        timeline.record(leadId, exit.name(), recorded);
        engine.publishMessage(exit.message, leadId.toString(), Map.of("exitReason", exit.name()));
    }
}

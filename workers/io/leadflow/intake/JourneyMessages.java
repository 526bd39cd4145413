package io.leadflow.intake;

import io.leadflow.engine.ProcessEngine;
import io.leadflow.intake.internal.LeadJourney;
import io.leadflow.lead.Lead;
import io.leadflow.process.JourneyProcess;
import org.springframework.stereotype.Component;

/**
 * Starts lead-journey through its message start event, correlated by the lead's id and keyed by the start's id: the
 * engine refuses the same message id and keeps one active instance per lead.
 */
@Component
class JourneyMessages implements LeadJourney {

    private final ProcessEngine engine;

    JourneyMessages(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return JourneyProcess.ID;
    }

    @Override
    public void start(Lead lead, String startId) {
        engine.startOnce(JourneyProcess.LEAD_ARRIVED, lead.id().toString(), startId, JourneyProcess.Variables.start(
                lead.id().toString(), lead.type().name(), lead.facts().country() == null ? "" : lead.facts().country(),
                lead.facts().timeZone(), lead.facts().language(), lead.facts().personKnown()));
    }
}

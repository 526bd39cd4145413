package io.leadflow.intake.internal;

import io.leadflow.lead.Lead;

/**
 * The process each lead runs from its arrival, as intake starts it. The models' glue ({@code JourneyMessages}, in
 * workers/) names its start message and fills its variables.
 */
public interface LeadJourney {

    /** The process's name, as the timeline and the log show it. */
    String name();

    /**
     * Starts the lead's process with its facts, once per {@code startId} however often it is called (the lead's id, and
     * its run after the first); fails when the engine did not take it.
     */
    void start(Lead lead, String startId);
}

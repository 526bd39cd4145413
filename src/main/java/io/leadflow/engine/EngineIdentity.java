package io.leadflow.engine;

/**
 * Which engine handed out a job. Job keys are unique within one engine's state: a cluster's, or
 * the embedded engine's data directory (whose id is kept there). Starting the embedded engine on a
 * new directory starts its keys afresh, so leadflow keys tasks by engine and job key.
 */
public record EngineIdentity(String id) {
}

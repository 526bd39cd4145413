/**
 * Replay before you deploy: a period's leads run through candidate models on a sandbox engine, against the deployed
 * models replayed alike. It reads the live tables it needs through the other modules and writes only its own.
 */
@ApplicationModule(allowedDependencies = {"lead", "intake", "enrichment", "assignment", "calendar", "engine", "process",
        "sequence", "email", "platform"})
package io.leadflow.simulation;

import org.springframework.modulith.ApplicationModule;

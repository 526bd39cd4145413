/**
 * The directory of reps, teams and managers, the round robin, the hand-off and its SLA, the escalation of a breach.
 */
@ApplicationModule(allowedDependencies = {"lead", "process", "calendar", "email", "engine", "platform"})
package io.leadflow.assignment;

import org.springframework.modulith.ApplicationModule;

/**
 * The managers' view: reports over the funnel, the SLA, the sequences, the reps and the process instances, the
 * managers' page and the revenue planner, composed from each owning module's query API (this module reads no table
 * of its own or another's).
 */
@ApplicationModule(allowedDependencies = {"lead", "assignment", "email", "scoring", "sequence", "tasklist", "engine", "platform"})
package io.leadflow.reports;

import org.springframework.modulith.ApplicationModule;

/**
 * The contract of each model (process ids, messages, job types, variables as records) and the stage-move worker.
 * Shared by every module with a worker; it knows the lead's stages and fit decisions, nothing else.
 */
@ApplicationModule(allowedDependencies = {"lead", "platform"})
package io.leadflow.process;

import org.springframework.modulith.ApplicationModule;

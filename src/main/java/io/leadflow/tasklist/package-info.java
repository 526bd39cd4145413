/**
 * Reps' and managers' tasks and the task list pages.
 */
@ApplicationModule(allowedDependencies = {"lead", "process", "assignment", "scoring", "email", "security", "engine", "platform"})
package io.leadflow.tasklist;

import org.springframework.modulith.ApplicationModule;

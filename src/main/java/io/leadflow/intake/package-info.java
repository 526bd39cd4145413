/**
 * The lead API in one place (its sequence and nurture actions through sequence's API) and the CSV import of leads,
 * validation, the start of each lead's process and its watch.
 */
@ApplicationModule(allowedDependencies = {"lead", "process", "assignment", "sequence", "tasklist", "security", "engine", "platform"})
package io.leadflow.intake;

import org.springframework.modulith.ApplicationModule;

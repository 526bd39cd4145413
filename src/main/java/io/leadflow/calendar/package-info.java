/**
 * Working hours and public holidays. Its worker reads the working-time job's variables from the {@code process}
 * contract.
 */
@ApplicationModule(allowedDependencies = {"process", "platform"})
package io.leadflow.calendar;

import org.springframework.modulith.ApplicationModule;

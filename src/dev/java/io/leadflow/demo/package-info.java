/**
 * Demo data for the development build's {@code demo} profile. It opens rep tasks through the tasklist's API, as a
 * rep's work would.
 */
@ApplicationModule(allowedDependencies = {"tasklist"})
package io.leadflow.demo;

import org.springframework.modulith.ApplicationModule;

/**
 * The fit decision's record and sales' rejections at hand-off.
 */
@ApplicationModule(allowedDependencies = {"lead", "process", "engine", "platform"})
package io.leadflow.scoring;

import org.springframework.modulith.ApplicationModule;

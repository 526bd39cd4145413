/**
 * The lead: its facts, stage and stage history, fit, enrichment, owner and timeline. Every feature module reads or
 * moves leads through this module's API, so it uses none of them.
 */
@ApplicationModule(allowedDependencies = {"platform"})
package io.leadflow.lead;

import org.springframework.modulith.ApplicationModule;

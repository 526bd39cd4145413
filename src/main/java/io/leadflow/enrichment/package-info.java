/**
 * What public facts say about a lead (role, persona, industry, size, region, signals) and their provider.
 */
@ApplicationModule(allowedDependencies = {"lead", "process", "platform"})
package io.leadflow.enrichment;

import org.springframework.modulith.ApplicationModule;

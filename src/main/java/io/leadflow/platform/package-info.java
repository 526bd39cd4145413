/**
 * Shared by every module: clock, database, JSON, problem+json answers, retry backoff, the durable work queue, secrets,
 * password hashing.
 * It uses no other module.
 */
@ApplicationModule(allowedDependencies = {})
package io.leadflow.platform;

import org.springframework.modulith.ApplicationModule;

/**
 * The API key, the metrics token, the sign-in page and its lock; who a person is comes from {@code assignment}'s
 * directory.
 */
@ApplicationModule(allowedDependencies = {"assignment", "platform"})
package io.leadflow.security;

import org.springframework.modulith.ApplicationModule;

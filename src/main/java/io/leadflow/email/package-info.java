/**
 * Templates, rendering, the outbox and its dispatcher, the mailboxes and their reading, what a reply means.
 */
@ApplicationModule(allowedDependencies = {"lead", "platform"})
package io.leadflow.email;

import org.springframework.modulith.ApplicationModule;

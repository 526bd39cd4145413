/**
 * The plan of attempts, sequence emails, the nurture track's content, exits, suppression, unsubscribe, opens and clicks.
 */
@ApplicationModule(allowedDependencies = {"lead", "process", "calendar", "assignment", "email", "tasklist", "security", "engine",
        "platform"})
package io.leadflow.sequence;

import org.springframework.modulith.ApplicationModule;

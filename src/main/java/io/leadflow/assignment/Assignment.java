package io.leadflow.assignment;

import java.time.ZonedDateTime;

/** Who owns a lead and when the rep's task is due, in the lead's zone. */
public record Assignment(String owner, String ownerName, String ownerEmail, ZonedDateTime taskDue) {

    Assignment(Person owner, ZonedDateTime taskDue) {
        this(owner.username(), owner.name(), owner.email(), taskDue);
    }
}

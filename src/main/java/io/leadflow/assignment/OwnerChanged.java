package io.leadflow.assignment;

import java.util.UUID;

/** The lead was handed from one rep to another; a change from an owner the lead no longer has changes nothing. */
public record OwnerChanged(UUID leadId, String from, String to) {
}

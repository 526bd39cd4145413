package io.leadflow.lead;

import java.util.UUID;

/** A rep was chosen for the lead. A lead keeps its first owner: a repeated assignment changes nothing. */
public record OwnerAssigned(UUID leadId, String owner) {
}

package io.leadflow.intake;

import java.util.UUID;

public class LeadNotFoundException extends RuntimeException {

    public LeadNotFoundException(UUID id) {
        super("No lead with id " + id);
    }
}

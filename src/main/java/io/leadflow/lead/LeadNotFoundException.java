package io.leadflow.lead;

import io.leadflow.platform.NotFoundException;

import java.util.UUID;

public class LeadNotFoundException extends NotFoundException {

    public LeadNotFoundException(UUID id) {
        super("No lead with id " + id);
    }
}

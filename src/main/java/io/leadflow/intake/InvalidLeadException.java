package io.leadflow.intake;

import java.util.List;

public class InvalidLeadException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidLeadException(List<FieldError> errors) {
        super("Invalid lead: " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}

package io.leadflow.platform;

import jakarta.validation.ConstraintViolation;

/** One field at fault, as reported in a problem+json "errors" member. */
public record FieldError(String field, String message) {

    /** A Bean Validation constraint a request's field breaks, named by its path in the request. */
    public static FieldError of(ConstraintViolation<?> violation) {
        return new FieldError(violation.getPropertyPath().toString(), violation.getMessage());
    }
}

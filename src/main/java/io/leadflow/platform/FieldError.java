package io.leadflow.platform;

import jakarta.validation.ConstraintViolation;

/** One field at fault, as reported in a problem+json "errors" member. */
public record FieldError(String field, String message) {

    /** A Bean Validation constraint a request's field breaks, named by the field (an entry of a list by its list). */
    public static FieldError of(ConstraintViolation<?> violation) {
        return new FieldError(violation.getPropertyPath().iterator().next().getName(), violation.getMessage());
    }
}

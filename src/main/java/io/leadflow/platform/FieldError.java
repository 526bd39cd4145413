package io.leadflow.platform;

/** One field at fault, as reported in a problem+json "errors" member. */
public record FieldError(String field, String message) {
}

package io.leadflow.platform;

/** A request the thing it names cannot take in the state it is in: answered with 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}

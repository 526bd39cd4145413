package io.leadflow.platform;

/** Something asked for by id does not exist: answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}

package io.leadflow.platform;

public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("The body is larger than " + limit + " bytes");
    }

    /** A part of the body too large, said in words that name it. */
    public PayloadTooLargeException(String message) {
        super(message);
    }
}

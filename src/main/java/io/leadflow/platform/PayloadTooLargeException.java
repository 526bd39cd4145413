package io.leadflow.platform;

public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("The body is larger than " + limit + " bytes");
    }
}

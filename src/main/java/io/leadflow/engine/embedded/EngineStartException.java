package io.leadflow.engine.embedded;

/** The embedded engine cannot start; the message says why and what to do, for the person starting leadflow. */
public class EngineStartException extends RuntimeException {

    public EngineStartException(String message, Throwable cause) {
        super(message, cause);
    }
}

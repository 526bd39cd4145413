package io.leadflow.sequence;

/** How a sales rep reaches a lead in one attempt. */
public enum Channel {
    EMAIL, CALL, SOCIAL
}

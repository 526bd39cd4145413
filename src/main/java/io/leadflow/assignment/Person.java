package io.leadflow.assignment;

/** A rep or a manager as others see them: who they are and where mail reaches them. */
public record Person(String username, String name, String email) {
}

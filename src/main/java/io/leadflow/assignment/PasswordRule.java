package io.leadflow.assignment;

import java.util.Optional;

/** The rule for a new password, wherever one is set (the API, the reps page, a person's own page). */
public record PasswordRule(int min, int max) {

    /** Long enough to resist guessing, short enough for BCrypt's input. */
    public static final PasswordRule STANDARD = new PasswordRule(8, 200);

    /** Why this new password is refused; empty when it is not. */
    public Optional<String> refusal(String password) {
        return password.length() < min || password.length() > max
                ? Optional.of("is " + min + " to " + max + " characters") : Optional.empty();
    }
}

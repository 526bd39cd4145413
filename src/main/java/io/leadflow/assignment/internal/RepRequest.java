package io.leadflow.assignment.internal;

import io.leadflow.assignment.Rep;
import io.leadflow.assignment.PasswordRule;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A rep as a manager sets them, through the API or the page: every field but {@code away} (false when not given),
 * {@code awayUntil} (the day an away rep is back, ISO date) and {@code password} (a new sign-in password, stored
 * hashed, never shown) is required.
 */
record RepRequest(String name, String email, String team, Boolean active, Boolean away, String awayUntil,
                  Integer monthlyCapacity, String password) {

    static final int MAX_CAPACITY = 100_000;
    /** Usernames and team names: short, without spaces, safe in a URL. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    static final String NAME_RULE = "is 1 to 100 letters, digits, '.', '_', '@' or '-'";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    static RepRequest of(Rep rep) {
        return new RepRequest(rep.name(), rep.email(), rep.team(), rep.active(), rep.away(),
                rep.awayUntil() == null ? null : rep.awayUntil().toString(), rep.monthlyCapacity(), null);
    }

    /** The rep these fields describe; the fields at fault, all of them, as an {@link InvalidRequestException}. */
    Rep toRep(String username, Collection<String> teams) {
        List<FieldError> errors = new ArrayList<>();
        if (username == null || !NAME.matcher(username).matches()) {
            errors.add(new FieldError("username", NAME_RULE));
        }
        if (name == null || name.isBlank() || name.length() > 200 || CONTROL.matcher(name).find()) {
            errors.add(new FieldError("name", "is required: up to 200 characters on one line"));
        }
        if (email == null || email.length() > 320 || !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("email", "is required: an email address"));
        }
        if (team == null || !teams.contains(team)) {
            errors.add(new FieldError("team", "is required: one of the teams " + teams));
        }
        if (active == null) {
            errors.add(new FieldError("active", "is required: true or false"));
        }
        LocalDate backOn = null;
        if (awayUntil != null && !awayUntil.isBlank()) {
            try {
                backOn = LocalDate.parse(awayUntil);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("awayUntil", "is not a date such as 2026-03-02"));
            }
            if (!Boolean.TRUE.equals(away)) {
                errors.add(new FieldError("awayUntil", "is only for a rep who is away"));
            }
        }
        if (monthlyCapacity == null || monthlyCapacity < 0 || monthlyCapacity > MAX_CAPACITY) {
            errors.add(new FieldError("monthlyCapacity", "is required: a whole number from 0 to " + MAX_CAPACITY));
        }
        if (password != null) {
            PasswordRule.STANDARD.refusal(password).ifPresent(refusal -> errors.add(new FieldError("password", refusal)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The rep has fields at fault", errors);
        }
        return new Rep(username, name.strip(), email.strip(), team, active, Boolean.TRUE.equals(away), backOn, monthlyCapacity);
    }
}

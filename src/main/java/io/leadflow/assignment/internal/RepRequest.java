package io.leadflow.assignment.internal;

import io.leadflow.assignment.Rep;
import io.leadflow.assignment.PasswordRule;
import io.leadflow.platform.EmailAddress;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.platform.SafeText;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A rep as a manager sets them, through the API or the page: every field but {@code away} (false when not given),
 * {@code awayUntil} (the day an away rep is back, ISO date) and {@code password} (a new sign-in password, stored
 * hashed, never shown) is required. The fields' own rules are constraints; the username, the team, the day back and
 * the password are checked against the path, the directory and each other.
 */
record RepRequest(@NotBlank(message = RepRequest.NAME_REQUIRED) @Size(max = 200, message = RepRequest.NAME_REQUIRED) @SafeText String name,
                  @NotNull(message = RepRequest.EMAIL_REQUIRED) @EmailAddress(message = RepRequest.EMAIL_REQUIRED) String email,
                  String team,
                  @NotNull(message = "is required: true or false") Boolean active,
                  Boolean away, String awayUntil,
                  @NotNull(message = RepRequest.CAPACITY_REQUIRED) @Min(value = 0, message = RepRequest.CAPACITY_REQUIRED)
                  @Max(value = RepRequest.MAX_CAPACITY, message = RepRequest.CAPACITY_REQUIRED) Integer monthlyCapacity,
                  String password) {

    static final int MAX_CAPACITY = 100_000;
    private static final String NAME_REQUIRED = "is required: up to 200 characters on one line";
    private static final String EMAIL_REQUIRED = "is required: an email address";
    private static final String CAPACITY_REQUIRED = "is required: a whole number from 0 to " + MAX_CAPACITY;
    /** Usernames and team names: short, without spaces, safe in a URL. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    static final String NAME_RULE = "is 1 to 100 letters, digits, '.', '_', '@' or '-'";

    static RepRequest of(Rep rep) {
        return new RepRequest(rep.name(), rep.email(), rep.team(), rep.active(), rep.away(),
                rep.awayUntil() == null ? null : rep.awayUntil().toString(), rep.monthlyCapacity(), null);
    }

    /** The rep these fields describe; the fields at fault, all of them, as an {@link InvalidRequestException}. */
    Rep toRep(String username, Collection<String> teams, Validator validator) {
        List<FieldError> errors = new ArrayList<>(validator.validate(this).stream().map(FieldError::of).toList());
        if (username == null || !NAME.matcher(username).matches()) {
            errors.add(new FieldError("username", NAME_RULE));
        }
        if (team == null || !teams.contains(team)) {
            errors.add(new FieldError("team", "is required: one of the teams " + teams));
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
        if (password != null) {
            PasswordRule.STANDARD.refusal(password).ifPresent(refusal -> errors.add(new FieldError("password", refusal)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The rep has fields at fault", errors);
        }
        return new Rep(username, name.strip(), email.strip(), team, active, Boolean.TRUE.equals(away), backOn, monthlyCapacity);
    }
}

package io.leadflow.lead;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a lead tells about itself: the one list of a lead's fields. The request a lead arrives as (the API's, a CSV
 * row's) has these and {@link LeadDetails}'s, flat, kept in step by its test; storage maps each to its column of the same
 * name (snake_case) and {@link LeadDetails} to one JSON column. Adding a field is adding a component here, in the
 * request, and its column in a migration. Null means "not given". {@code phone} is E.164 ({@link PhoneNumbers}).
 */
public record LeadFacts(
        String email,
        String phone,
        String firstName,
        String lastName,
        String jobTitle,
        String company,
        String companyDomain,
        Integer employees,
        String industry,
        String country,
        String timeZone,
        String language,
        String source,
        @JsonInclude(JsonInclude.Include.NON_NULL) LeadDetails details) {

    /** Whether there is a person to contact (an email); without one, a rep researches who to contact. */
    public boolean personKnown() {
        return email != null;
    }

    /** The person's first and last name, as a mail's display name; empty when the lead has neither. */
    public String personName() {
        return Stream.of(firstName, lastName).filter(Objects::nonNull).map(String::strip).filter(part -> !part.isEmpty())
                .collect(Collectors.joining(" "));
    }

    /** The key that makes two submissions the same lead: the person's email, else the company's domain. */
    public String emailKey() {
        return emailKey(email);
    }

    /** What one person's lead is known by: the address trimmed, in any case. */
    public static String emailKey(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}

package io.leadflow.intake.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.leadflow.lead.LeadDetails;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Locales;
import io.leadflow.lead.PhoneNumbers;
import io.leadflow.platform.EmailAddress;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.SafeText;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.URL;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A lead as it arrives, from the API (bound by Jackson), a CSV row (the same, from text cells) or a researched
 * contact: its {@code type} and the lead's fields, {@link LeadFacts}' and {@link LeadDetails}', flat (a test keeps
 * them in step).
 * Each field's own shape is a constraint; what the fields mean together (what a type requires, the country's zone,
 * language and phone numbers) is {@link #submission}. The spaces around a value are not part of it, and a blank value
 * is no value; control characters are kept to be refused, also at the ends.
 */
record LeadRequest(
        @NotNull(message = "is required") @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES) LeadType type,
        @SafeText @Size(max = 320, message = TOO_LONG) @EmailAddress String email,
        @SafeText @Size(max = 40, message = TOO_LONG) String phone,
        @SafeText @Size(max = 200, message = TOO_LONG) String firstName,
        @SafeText @Size(max = 200, message = TOO_LONG) String lastName,
        @SafeText @Size(max = 200, message = TOO_LONG) String jobTitle,
        @SafeText @Size(max = 200, message = TOO_LONG) String company,
        @SafeText @Size(max = 253, message = TOO_LONG)
        @Pattern(regexp = DOMAIN, flags = Pattern.Flag.CASE_INSENSITIVE, message = "is not a domain name such as example.com")
        String companyDomain,
        @Min(value = 0, message = "must be between 0 and 2147483647") Integer employees,
        @SafeText @Size(max = 100, message = TOO_LONG) String industry,
        @SafeText @Size(max = 2, message = TOO_LONG) String country,
        @SafeText @Size(max = 64, message = TOO_LONG) String timeZone,
        @SafeText @Size(max = 2, message = TOO_LONG) String language,
        @SafeText @Size(max = 200, message = TOO_LONG) String source,
        @SafeText @Size(max = 45, message = TOO_LONG) @Pattern(regexp = IP_ADDRESS, message = "is not an IP address") String visitorIp,
        @Size(max = 200, message = "must have at most {max} entries")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @JsonSetter(contentNulls = Nulls.FAIL)
        List<@SafeText @Size(max = 2000, message = TOO_LONG) String> pagesViewed,
        @SafeText @Size(max = 20, message = TOO_LONG)
        @Pattern(regexp = EVENT_KIND, flags = Pattern.Flag.CASE_INSENSITIVE, message = "must be one of [funding, hiring, news, social-mention]")
        String eventKind,
        @SafeText @Size(max = 2000, message = TOO_LONG) @URL(regexp = WEB_URL, flags = Pattern.Flag.CASE_INSENSITIVE, message = "is not an http(s) URL")
        String eventUrl,
        @SafeText @Size(max = 200, message = TOO_LONG) String referredBy) {

    /** In a CSV cell, {@code pagesViewed}'s entries are separated by '|'. */
    static final String PAGES_VIEWED = "pagesViewed";

    private static final String TOO_LONG = "must be at most {max} characters";
    private static final String DOMAIN =
            "(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+";
    private static final String IP_ADDRESS = "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "|(?=.*:)[0-9A-Fa-f:.]{2,45}";
    private static final String EVENT_KIND = "funding|hiring|news|social-mention";
    private static final String WEB_URL = "https?://[^/?#]+.*";

    LeadRequest {
        email = trimmed(email);
        phone = trimmed(phone);
        firstName = trimmed(firstName);
        lastName = trimmed(lastName);
        jobTitle = trimmed(jobTitle);
        company = trimmed(company);
        companyDomain = trimmed(companyDomain);
        industry = trimmed(industry);
        country = trimmed(country);
        timeZone = trimmed(timeZone);
        language = trimmed(language);
        source = trimmed(source);
        visitorIp = trimmed(visitorIp);
        pagesViewed = pagesViewed == null ? List.of()
                : pagesViewed.stream().map(LeadRequest::trimmed).filter(Objects::nonNull).toList();
        eventKind = trimmed(eventKind);
        eventUrl = trimmed(eventUrl);
        referredBy = trimmed(referredBy);
    }

    /** The field names a lead request has, in order: {@code type}, then the lead's. */
    static List<String> fieldNames() {
        return Arrays.stream(LeadRequest.class.getRecordComponents()).map(component -> component.getName()).toList();
    }

    /**
     * The lead these fields describe, its zone and language from its country when not given, its phone in E.164; what
     * is wrong goes to {@code reject}. A field already at fault ({@code atFault}) is not judged again.
     */
    LeadSubmission submission(Set<String> atFault, Consumer<FieldError> reject) {
        Rules rules = new Rules(atFault, reject);
        String country = rules.check("country", upper(this.country), Locales::isCountry, "is not an ISO 3166-1 alpha-2 code");
        String timeZone = rules.check("timeZone", this.timeZone, Locales::isTimeZone,
                "is not an IANA time zone such as America/Mexico_City");
        String language = rules.check("language", lower(this.language), Locales.LANGUAGES::contains,
                "must be one of " + Locales.LANGUAGES.stream().sorted().toList());
        String phone = phone(rules, country);
        if (type != null) {
            switch (type) {
                case COMPANY_VISIT -> {
                    rules.requireEither("companyDomain", companyDomain, "visitorIp", visitorIp, "is required for a company visit");
                    if (email != null) {
                        rules.reject("email", "must be absent for a company visit (no person is known)");
                    }
                }
                case TRIGGER_EVENT -> {
                    rules.require("eventKind", eventKind);
                    rules.require("eventUrl", eventUrl);
                    rules.requireEither("email", email, "companyDomain", companyDomain, "is required");
                }
                case REFERRAL -> {
                    rules.require("referredBy", referredBy);
                    rules.require("email", email);
                }
                case FORM_FILL, RESEARCH -> rules.require("email", email);
            }
        }
        if (timeZone == null && !rules.atFault.contains("timeZone")) {
            timeZone = Locales.isCountry(country) ? Locales.defaultTimeZone(country).orElse(null) : null;
            if (timeZone == null) {
                rules.reject("timeZone", Locales.isCountry(country) ? "is required: it cannot be derived from country " + country
                        : "is required when country is absent");
            }
        }
        return new LeadSubmission(type, new LeadFacts(email, phone, firstName, lastName, jobTitle, company,
                lower(companyDomain), employees, industry, country, timeZone, language == null ? Locales.defaultLanguage(country) : language,
                source, new LeadDetails(visitorIp, pagesViewed, lower(eventKind), eventUrl, referredBy)), null);
    }

    /** E.164 as given, or a national number read in the lead's country. */
    private String phone(Rules rules, String country) {
        if (phone == null || rules.atFault.contains("phone")) {
            return null;
        }
        String known = Locales.isCountry(country) ? country : null;
        return PhoneNumbers.toE164(phone, known).orElseGet(() -> {
            rules.reject("phone", known == null
                    ? "is not a phone number in E.164 form such as +573001234567 (a national number needs country)"
                    : "is not a phone number of " + known + " nor in E.164 form such as +573001234567");
            return null;
        });
    }

    /** The rules' faults, one a field: a field at fault already (its shape) is not judged again. */
    private record Rules(Set<String> atFault, Consumer<FieldError> faults) {

        Rules(Set<String> atFault, Consumer<FieldError> faults) {
            this.atFault = new HashSet<>(atFault);
            this.faults = faults;
        }

        void reject(String field, String message) {
            if (atFault.add(field)) {
                faults.accept(new FieldError(field, message));
            }
        }

        String check(String field, String value, Predicate<String> valid, String message) {
            if (value == null || atFault.contains(field)) {
                return null;
            }
            if (!valid.test(value)) {
                reject(field, message);
                return null;
            }
            return value;
        }

        void require(String field, String value) {
            if (value == null) {
                reject(field, "is required");
            }
        }

        void requireEither(String field, String value, String other, String otherValue, String message) {
            if (value == null && otherValue == null && !atFault.contains(other)) {
                reject(field, "or " + other + " " + message);
            }
        }
    }

    /** Without the spaces around it (not control characters: those are refused); blank is no value. */
    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        return start == end ? null : value.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.getType(c) == Character.SPACE_SEPARATOR && Character.isWhitespace(c);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}

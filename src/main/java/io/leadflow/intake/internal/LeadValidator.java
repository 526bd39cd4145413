package io.leadflow.intake.internal;

import io.leadflow.lead.LeadDetails;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Locales;
import io.leadflow.lead.PhoneNumbers;
import io.leadflow.platform.EmailAddress;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.platform.SafeText;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns raw fields (from JSON or a CSV row) into a {@link LeadSubmission}, or names every field at
 * fault. All checks run before anything is stored, so a bad lead is never half-stored.
 */
@Component
class LeadValidator {

    static final String TYPE = "type";
    static final Set<String> EVENT_KINDS = Set.of("funding", "hiring", "news", "social-mention");

    private static final int MAX_TEXT = 200;
    private static final int MAX_PAGES = 200;
    private static final Pattern DOMAIN = Pattern.compile(
            "^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");
    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

    /** The answer to a lead with fields at fault, from the API or a CSV row. */
    static InvalidRequestException invalidLead(List<FieldError> errors) {
        return new InvalidRequestException("The lead has fields at fault", errors);
    }

    /** A lead of typed values (JSON, or a researched contact): a number must be a number, text must be text. */
    LeadSubmission validate(Map<String, ?> raw) {
        return validate(raw, false);
    }

    /** A CSV row: every cell is text, so a number comes as its digits and a list as entries separated by '|'. */
    LeadSubmission validateCsvRow(Map<String, String> row) {
        return validate(row, true);
    }

    private LeadSubmission validate(Map<String, ?> raw, boolean cellsAreText) {
        Fields in = new Fields(raw, cellsAreText);
        raw.keySet().stream().filter(name -> !name.equals(TYPE) && !LeadFacts.FIELD_NAMES.contains(name)).sorted()
                .forEach(name -> in.reject(name, "is not a known field"));

        LeadType type = in.enumValue(TYPE, LeadType.class, true);
        String email = in.text("email", 320);
        if (email != null && !EmailAddress.Validator.matches(email.trim())) {
            in.reject("email", "is not an email address");
        }
        String companyDomain = lower(in.text("companyDomain", 253));
        if (companyDomain != null && !DOMAIN.matcher(companyDomain).matches()) {
            in.reject("companyDomain", "is not a domain name such as example.com");
        }
        Integer employees = in.count("employees");
        String country = upper(in.text("country", 2));
        if (country != null && !Locales.isCountry(country)) {
            in.reject("country", "is not an ISO 3166-1 alpha-2 code");
        }
        String timeZone = in.text("timeZone", 64);
        if (timeZone != null && !Locales.isTimeZone(timeZone)) {
            in.reject("timeZone", "is not an IANA time zone such as America/Mexico_City");
        }
        String language = lower(in.text("language", 2));
        if (language != null && !Locales.LANGUAGES.contains(language)) {
            in.reject("language", "must be one of " + Locales.LANGUAGES.stream().sorted().toList());
        }
        String phone = phone(in, country);
        String visitorIp = in.text("visitorIp", 45);
        if (visitorIp != null && !(IPV4.matcher(visitorIp).matches() || (visitorIp.contains(":") && IPV6.matcher(visitorIp).matches()))) {
            in.reject("visitorIp", "is not an IP address");
        }
        List<String> pagesViewed = in.textList("pagesViewed");
        String eventKind = lower(in.text("eventKind", 20));
        if (eventKind != null && !EVENT_KINDS.contains(eventKind)) {
            in.reject("eventKind", "must be one of " + EVENT_KINDS.stream().sorted().toList());
        }
        String eventUrl = in.text("eventUrl", 2000);
        if (eventUrl != null && !isWebUrl(eventUrl)) {
            in.reject("eventUrl", "is not an http(s) URL");
        }
        String referredBy = in.text("referredBy", MAX_TEXT);
        String firstName = in.text("firstName", MAX_TEXT);
        String lastName = in.text("lastName", MAX_TEXT);
        String jobTitle = in.text("jobTitle", MAX_TEXT);
        String company = in.text("company", MAX_TEXT);
        String industry = in.text("industry", 100);
        String source = in.text("source", MAX_TEXT);

        if (type != null) {
            switch (type) {
                case COMPANY_VISIT -> {
                    if (companyDomain == null && visitorIp == null) {
                        in.reject("companyDomain", "or visitorIp is required for a company visit");
                    }
                    if (email != null) {
                        in.reject("email", "must be absent for a company visit (no person is known)");
                    }
                }
                case TRIGGER_EVENT -> {
                    in.require("eventKind", eventKind);
                    in.require("eventUrl", eventUrl);
                    if (email == null && companyDomain == null) {
                        in.reject("email", "or companyDomain is required");
                    }
                }
                case REFERRAL -> {
                    in.require("referredBy", referredBy);
                    in.require("email", email);
                }
                case FORM_FILL, RESEARCH -> in.require("email", email);
            }
        }
        if (timeZone == null && Locales.isCountry(country)) {
            timeZone = Locales.defaultTimeZone(country).orElse(null);
            if (timeZone == null) {
                in.reject("timeZone", "is required: it cannot be derived from country " + country);
            }
        } else if (timeZone == null) {
            in.reject("timeZone", "is required when country is absent");
        }
        if (language == null) {
            language = Locales.defaultLanguage(country);
        }
        in.throwIfAny();
        return new LeadSubmission(type, new LeadFacts(email == null ? null : email.trim(), phone, firstName, lastName, jobTitle,
                company, companyDomain, employees, industry, country, timeZone, language, source,
                new LeadDetails(visitorIp, pagesViewed, eventKind, eventUrl, referredBy)), null);
    }

    /** E.164 as given, or a national number read in the lead's country. */
    private static String phone(Fields in, String country) {
        String text = in.text("phone", 40);
        if (text == null) {
            return null;
        }
        String known = Locales.isCountry(country) ? country : null;
        return PhoneNumbers.toE164(text, known).orElseGet(() -> {
            in.reject("phone", known == null
                    ? "is not a phone number in E.164 form such as +573001234567 (a national number needs country)"
                    : "is not a phone number of " + known + " nor in E.164 form such as +573001234567");
            return null;
        });
    }

    private static boolean isWebUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    /** Reads fields of either origin (JSON values or CSV strings) and collects what is wrong. */
    private static final class Fields {

        private final Map<String, ?> raw;
        private final boolean cellsAreText;
        private final List<FieldError> errors = new ArrayList<>();

        Fields(Map<String, ?> raw, boolean cellsAreText) {
            this.raw = raw;
            this.cellsAreText = cellsAreText;
        }

        void reject(String field, String message) {
            errors.add(new FieldError(field, message));
        }

        void require(String field, Object value) {
            if (value == null && errors.stream().noneMatch(e -> e.field().equals(field))) {
                reject(field, "is required");
            }
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw invalidLead(errors);
            }
        }

        String text(String field, int maxLength) {
            Object value = raw.get(field);
            if (value == null) {
                return null;
            }
            if (!(value instanceof String text)) {
                reject(field, "must be a string");
                return null;
            }
            return checkedText(field, text, maxLength);
        }

        private String checkedText(String field, String text, int maxLength) {
            String stripped = text.strip();
            String fault = SafeText.Validator.fault(text);
            if (fault != null) {
                reject(field, fault);
                return null;
            }
            if (stripped.length() > maxLength) {
                reject(field, "must be at most " + maxLength + " characters");
                return null;
            }
            return stripped.isEmpty() ? null : stripped;
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required) {
            String text = text(field, 40);
            if (text == null) {
                if (required) {
                    require(field, null);
                }
                return null;
            }
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                reject(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
                return null;
            }
        }

        Integer count(String field) {
            Object value = raw.get(field);
            if (value == null || (cellsAreText && value instanceof String s && s.isBlank())) {
                return null;
            }
            long number;
            if (value instanceof Integer || value instanceof Long) {
                number = ((Number) value).longValue();
            } else if (cellsAreText && value instanceof String s && s.strip().matches("-?\\d{1,10}")) {
                number = Long.parseLong(s.strip());
            } else if (value instanceof String) {
                reject(field, "must be a JSON number, not a string");
                return null;
            } else {
                reject(field, "must be a whole number");
                return null;
            }
            if (number < 0 || number > Integer.MAX_VALUE) {
                reject(field, "must be between 0 and " + Integer.MAX_VALUE);
                return null;
            }
            return (int) number;
        }

        /** A JSON array of strings, or in CSV one cell with entries separated by '|'. */
        List<String> textList(String field) {
            Object value = raw.get(field);
            if (value == null) {
                return List.of();
            }
            List<?> items = value instanceof String s ? Arrays.asList(s.split("\\|")) : value instanceof List<?> l ? l : null;
            if (items == null) {
                reject(field, "must be a list of strings");
                return List.of();
            }
            if (items.size() > MAX_PAGES) {
                reject(field, "must have at most " + MAX_PAGES + " entries");
                return List.of();
            }
            List<String> texts = new ArrayList<>();
            for (Object item : items) {
                if (!(item instanceof String text)) {
                    reject(field, "must be a list of strings");
                    return List.of();
                }
                String checked = checkedText(field, text, 2000);
                if (checked != null) {
                    texts.add(checked);
                }
            }
            return List.copyOf(texts);
        }
    }
}

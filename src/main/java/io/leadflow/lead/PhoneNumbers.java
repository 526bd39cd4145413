package io.leadflow.lead;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Optional;

/**
 * The one rule for a lead's phone number, wherever it comes from (the API, an import, an enrichment provider): a
 * number valid in libphonenumber's metadata, stored in E.164 ({@code +573001234567}). A national number
 * ({@code 300 123 4567}) is read in the lead's country, as people type it in forms and spreadsheets.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** libphonenumber's region for "none": only an international number (+...) parses then. */
    private static final String NO_REGION = "ZZ";

    private PhoneNumbers() {
    }

    /** An E.164 number as people read it: +57 300 1234567. */
    public static String readable(String e164) {
        try {
            return PHONES.format(PHONES.parse(e164, NO_REGION), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    /** The number in E.164, or empty when it is not a valid phone number (in {@code country}, if national). */
    public static Optional<String> toE164(String text, String country) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(text, country == null ? NO_REGION : country);
            return PHONES.isValidNumber(number)
                    ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}

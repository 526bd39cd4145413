package io.leadflow.lead;

import io.leadflow.platform.ReferenceFile;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where a lead is and what it speaks: the ISO countries, the zone and language a country implies
 * when the lead does not say (lead/*.properties, lead/*.txt), and the languages leadflow writes in.
 */
public final class Locales {

    /** The languages leadflow writes to leads in; every sequence template exists in each. */
    public static final List<String> LANGUAGES = List.of("es", "en");

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Properties COUNTRY_TIME_ZONES = ReferenceFile.properties("lead/country-time-zones.properties");
    private static final Set<String> SPANISH_SPEAKING = Set.copyOf(ReferenceFile.lines("lead/spanish-speaking-countries.txt"));

    private Locales() {
    }

    /** An ISO 3166-1 alpha-2 code, upper case. */
    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }

    /** An IANA time zone id such as America/Mexico_City. */
    public static boolean isTimeZone(String id) {
        return id != null && ZoneId.getAvailableZoneIds().contains(id);
    }

    public static Optional<String> defaultTimeZone(String country) {
        return Optional.ofNullable(country == null ? null : COUNTRY_TIME_ZONES.getProperty(country));
    }

    public static String defaultLanguage(String country) {
        return country != null && SPANISH_SPEAKING.contains(country) ? "es" : "en";
    }
}

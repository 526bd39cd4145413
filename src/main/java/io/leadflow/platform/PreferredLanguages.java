package io.leadflow.platform;

import java.util.Locale;
import java.util.Optional;

/** The language each person chose for leadflow's pages and mails, kept by whoever keeps the people. */
public interface PreferredLanguages {

    Optional<Locale> languageOf(String username);

    /** Keeps the person's choice; no one of that name: nothing. */
    void choose(String username, Locale language);
}

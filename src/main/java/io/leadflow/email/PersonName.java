package io.leadflow.email;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's name as a mail shows it, fixed so the mail does not look automated (methodology, seed 000): stray spaces
 * removed, and a word typed all in capitals or all in lower case ("MARÍA", "garcía") written as a name ("María",
 * "García"), with the particles of surnames ("de la", "del", "van", "von"…) in lower case after the first word.
 * A word typed in mixed case ("McDonald", "DeShawn") is kept as typed: its writer knew better.
 */
public final class PersonName {

    /** Surname particles that stay in lower case inside a name (Spanish, Portuguese, Italian, French, Dutch, German). */
    private static final Set<String> PARTICLES = Set.of("de", "del", "la", "las", "los", "y", "e", "da", "das", "do", "dos",
            "di", "du", "van", "von", "der", "den", "ter", "ten", "zu");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
    /** A letter that starts a name part: the start of a word, or after a hyphen or an apostrophe ("Ana-María", "O'Neil"). */
    private static final Pattern PART_START = Pattern.compile("(^|[-'’])(\\p{L})");

    private PersonName() {
    }

    /** The name cleaned, or null when it is missing or blank. */
    public static String clean(String typed) {
        String spaced = typed == null ? "" : SPACES.matcher(typed).replaceAll(" ").strip();
        if (spaced.isEmpty()) {
            return null;
        }
        String[] words = spaced.split(" ");
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            name.append(i == 0 ? "" : " ").append(word(words[i], i == 0));
        }
        return name.toString();
    }

    private static String word(String typed, boolean first) {
        String lower = typed.toLowerCase(Locale.ROOT);
        boolean singleCase = typed.equals(lower) || typed.equals(typed.toUpperCase(Locale.ROOT));
        if (!singleCase) {
            return typed;
        }
        if (!first && PARTICLES.contains(lower)) {
            return lower;
        }
        Matcher starts = PART_START.matcher(lower);
        return starts.replaceAll(start -> start.group(1) + start.group(2).toUpperCase(Locale.ROOT));
    }
}

package io.leadflow.email;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often a text addresses the reader and how often it talks about the sender, counted by
 * pronouns and possessives only: verb endings ("puedes", "podemos") and enclitics ("ayudarte")
 * are not counted, so a template meets the 2:1 rule with explicit words.
 *
 * @param usesTu    a Spanish text addresses the reader as "tú"
 * @param usesUsted a Spanish text addresses the reader as "usted"
 */
record PronounCounts(int reader, int sender, boolean usesTu, boolean usesUsted) {

    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:'\\p{L}+)*");

    private static final Set<String> ENGLISH_READER = Set.of(
            "you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd");
    private static final Set<String> ENGLISH_SENDER = Set.of(
            "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves",
            "i'm", "i've", "i'll", "i'd", "we're", "we've", "we'll", "we'd", "let's");
    /** Upper-case "US" is the country, not the pronoun. */
    private static final String COUNTRY_US = "US";

    private static final Set<String> SPANISH_TU = Set.of(
            "tú", "tu", "tus", "ti", "contigo", "te", "tuyo", "tuya", "tuyos", "tuyas",
            "vosotros", "vosotras", "os", "vuestro", "vuestra", "vuestros", "vuestras");
    private static final Set<String> SPANISH_USTED = Set.of("usted", "ustedes");
    /** "Your" only in an email that speaks as usted; otherwise his, her or their, and not counted. */
    private static final Set<String> SPANISH_USTED_POSSESSIVES = Set.of("su", "sus", "suyo", "suya", "suyos", "suyas");
    /** "Me" and "te" are always object pronouns in Spanish; "le"/"les" are not counted, they are too often a third person. */
    private static final Set<String> SPANISH_SENDER = Set.of(
            "yo", "me", "mi", "mis", "mí", "conmigo", "mío", "mía", "míos", "mías",
            "nosotros", "nosotras", "nos", "nuestro", "nuestra", "nuestros", "nuestras");

    static PronounCounts of(String text, String language) {
        Matcher words = WORD.matcher(text.replace('’', '\''));
        int reader = 0;
        int sender = 0;
        int usesTu = 0;
        int usesUsted = 0;
        int ustedPossessives = 0;
        while (words.find()) {
            String original = words.group();
            String word = original.toLowerCase(Locale.ROOT);
            if (language.equals("es")) {
                if (SPANISH_TU.contains(word)) {
                    usesTu++;
                } else if (SPANISH_USTED.contains(word)) {
                    usesUsted++;
                } else if (SPANISH_USTED_POSSESSIVES.contains(word)) {
                    ustedPossessives++;
                } else if (SPANISH_SENDER.contains(word)) {
                    sender++;
                }
            } else if (ENGLISH_READER.contains(word)) {
                reader++;
            } else if (ENGLISH_SENDER.contains(word) && !original.equals(COUNTRY_US)) {
                sender++;
            }
        }
        reader += usesTu + usesUsted + (usesUsted > 0 ? ustedPossessives : 0);
        return new PronounCounts(reader, sender, usesTu > 0, usesUsted > 0);
    }
}

package io.leadflow.email.internal;

import io.leadflow.email.ReplyIntent;
import io.leadflow.platform.ReferenceFile;
import org.springframework.stereotype.Component;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.leadflow.email.ReplyIntent.INTERESTED;
import static io.leadflow.email.ReplyIntent.NOT_INTERESTED;
import static io.leadflow.email.ReplyIntent.NOT_NOW;
import static io.leadflow.email.ReplyIntent.UNSUBSCRIBE_REQUEST;
import static io.leadflow.email.ReplyIntent.WRONG_PERSON;

/**
 * Tells what a person's reply means from the phrases sales ops keep in {@value #PHRASES} (its header says how they
 * are read). Only the reply's own words count, not the mail it quotes; the first intent in {@link #PRECEDENCE} with
 * a phrase in them wins, and a reply with none is {@link ReplyIntent#INTERESTED}.
 */
@Component
class ReplyIntentClassifier {

    private static final String PHRASES = "email/reply-intents.txt";

    /** The order intents are looked for in: asking to stop outweighs everything, any "no" outweighs a "yes". */
    private static final List<ReplyIntent> PRECEDENCE = List.of(UNSUBSCRIBE_REQUEST, NOT_INTERESTED, WRONG_PERSON, NOT_NOW, INTERESTED);

    /** How many words after it a negation reaches. */
    private static final int NEGATION_REACH = 3;

    private static final Pattern TOKEN = Pattern.compile("(?<word>[\\p{L}\\p{N}]+)|(?<comma>[,—–])|(?<stop>[.;:!?¡¿\\n])");
    private static final Pattern APOSTROPHE = Pattern.compile("['’‘`]");
    /** Where the quoted earlier mail begins: "On … wrote:" / "El … escribió:", possibly wrapped onto the next line. */
    private static final Pattern ATTRIBUTION_START = Pattern.compile("^(on|el)\\s");
    private static final Pattern ATTRIBUTION_END = Pattern.compile("(wrote|escribio)\\s*:$");
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile("^-{2,}\\s*(original message|mensaje original)\\s*-*$|^_{10,}$");
    /** Outlook's header block of the quoted mail: "From:" then "Sent:" (or "De:" then "Enviado:"). */
    private static final Pattern HEADER_FROM = Pattern.compile("^(from|de)\\s*:");
    private static final Pattern HEADER_AFTER_FROM = Pattern.compile("^(sent|date|to|enviado|fecha|para)\\s*:");
    private static final String SIGNATURE = "--";
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");

    /**
     * What the reply means, and its words that told (null when none did: then it is interested); a reply saying it is the
     * wrong person, the first address it gives in its own words ({@code referral}: "talk to maria@acme.com"), if any.
     */
    record Reading(ReplyIntent intent, String phrase, String referral) {

        Reading(ReplyIntent intent, String phrase) {
            this(intent, phrase, null);
        }
    }

    /** A phrase as sales ops wrote it, and its words as they are compared. */
    private record Phrase(String written, List<String> words) {
    }

    /** A word of the reply; phrases do not span sentences, negations do not reach past their clause. */
    private record Word(String text, int sentence, int clause) {
    }

    private final Map<ReplyIntent, List<Phrase>> phrases = new EnumMap<>(ReplyIntent.class);
    private final Set<String> negations = new HashSet<>();
    private final Set<String> clauseBreaks = new HashSet<>();

    ReplyIntentClassifier() {
        Arrays.stream(ReplyIntent.values()).forEach(intent -> phrases.put(intent, new ArrayList<>()));
        for (String line : ReferenceFile.lines(PHRASES)) {
            int equals = line.indexOf('=');
            String key = equals < 0 ? line : line.substring(0, equals).strip();
            String written = equals < 0 ? "" : line.substring(equals + 1).strip();
            List<String> words = words(normalise(written)).stream().map(Word::text).toList();
            if (words.isEmpty()) {
                throw new IllegalStateException(PHRASES + ": no phrase in '" + line + "'");
            }
            switch (key) {
                case "NEGATION" -> negations.addAll(words);
                case "CLAUSE_BREAK" -> clauseBreaks.addAll(words);
                default -> phrases.get(intent(key, line)).add(new Phrase(written, words));
            }
        }
    }

    Reading classify(String reply) {
        String own = ownText(normalise(reply));
        List<Word> words = words(own);
        for (ReplyIntent intent : PRECEDENCE) {
            Optional<String> told = find(words, phrases.get(intent), false);
            if (intent == NOT_INTERESTED && told.isEmpty()) {
                told = find(words, phrases.get(INTERESTED), true);
            }
            if (told.isPresent()) {
                return new Reading(intent, told.get(), intent == WRONG_PERSON ? firstAddress(own) : null);
            }
        }
        return new Reading(INTERESTED, null);
    }

    /**
     * The first of the phrases said in the words, negated or not as asked: as written in the file, or when negated as
     * said, from its negation on.
     */
    private Optional<String> find(List<Word> words, List<Phrase> phrases, boolean negated) {
        for (Phrase phrase : phrases) {
            for (int at = 0; at + phrase.words().size() <= words.size(); at++) {
                if (saidAt(words, phrase.words(), at)) {
                    int negation = negationBefore(words, phrase.words(), at);
                    if (negation >= 0 && negated) {
                        return Optional.of(String.join(" ", words.subList(negation, at + phrase.words().size()).stream().map(Word::text).toList()));
                    }
                    if (negation < 0 && !negated) {
                        return Optional.of(phrase.written());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean saidAt(List<Word> words, List<String> phrase, int at) {
        int sentence = words.get(at).sentence();
        for (int i = 0; i < phrase.size(); i++) {
            Word word = words.get(at + i);
            if (word.sentence() != sentence || !word.text().equals(phrase.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Where a negation stands in the phrase's clause, at most {@link #NEGATION_REACH} words before it, or -1. */
    private int negationBefore(List<Word> words, List<String> phrase, int at) {
        if (negations.contains(phrase.getFirst())) {
            return -1;
        }
        int clause = words.get(at).clause();
        for (int i = at - 1; i >= Math.max(0, at - NEGATION_REACH) && words.get(i).clause() == clause; i--) {
            if (negations.contains(words.get(i).text())) {
                return i;
            }
        }
        return -1;
    }

    /** The words of a normalised text, with the sentence and clause each is in. */
    private List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        int sentence = 0;
        int clause = 0;
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            if (token.group("word") != null) {
                String word = token.group("word");
                if (clauseBreaks.contains(word)) {
                    clause++;
                }
                words.add(new Word(word, sentence, clause));
            } else if (token.group("comma") != null) {
                clause++;
            } else {
                sentence++;
                clause++;
            }
        }
        return words;
    }

    /** Lower case, no accents, no apostrophes ("Don't" is "dont", "Escríbeme" is "escribeme"), one kind of line break. */
    static String normalise(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return APOSTROPHE.matcher(plain).replaceAll("").replaceAll("\\R", "\n");
    }

    private static String firstAddress(String text) {
        Matcher address = EMAIL_ADDRESS.matcher(text);
        return address.find() ? address.group() : null;
    }

    /** The reply without the mail it quotes and without the signature. */
    static String ownText(String reply) {
        String[] lines = reply.split("\n", -1);
        StringBuilder own = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String next = i + 1 < lines.length ? lines[i + 1].strip() : "";
            if (startsQuotedMailOrSignature(line, next)) {
                break;
            }
            if (!line.startsWith(">")) {
                own.append(line).append('\n');
            }
        }
        return own.toString();
    }

    private static boolean startsQuotedMailOrSignature(String line, String next) {
        boolean attribution = ATTRIBUTION_START.matcher(line).find() && (ATTRIBUTION_END.matcher(line).find()
                || !ATTRIBUTION_START.matcher(next).find() && ATTRIBUTION_END.matcher(next).find());
        return attribution || line.equals(SIGNATURE) || ORIGINAL_MESSAGE.matcher(line).matches()
                || HEADER_FROM.matcher(line).find() && HEADER_AFTER_FROM.matcher(next).find();
    }

    private static ReplyIntent intent(String key, String line) {
        try {
            return ReplyIntent.valueOf(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PHRASES + ": '" + key + "' is neither an intent nor NEGATION or CLAUSE_BREAK, in '" + line + "'");
        }
    }
}

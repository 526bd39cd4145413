package io.leadflow.email.internal;

import io.leadflow.email.ReplyIntent;
import io.leadflow.email.internal.ReplyIntentClassifier.Reading;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies as leads write them, in Spanish and English, and what each means: the table in
 * src/test/resources/email/reply-intents.csv, read with the phrases leadflow ships.
 */
class ReplyIntentClassifierTest {

    private static final ReplyIntentClassifier CLASSIFIER = new ReplyIntentClassifier();

    record Row(String language, ReplyIntent intent, String reply) {
        @Override
        public String toString() {
            return intent + " (" + language + "): " + reply.lines().findFirst().orElse("");
        }
    }

    static List<Row> table() throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').get();
        try (Reader in = new InputStreamReader(Objects.requireNonNull(
                ReplyIntentClassifierTest.class.getResourceAsStream("/email/reply-intents.csv")), StandardCharsets.UTF_8)) {
            return format.parse(in).stream()
                    .map((CSVRecord row) -> new Row(row.get("language"), ReplyIntent.valueOf(row.get("intent")), row.get("reply")))
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void aReplyMeansWhatTheTableSays(Row row) {
        assertThat(CLASSIFIER.classify(row.reply()).intent()).as(row.reply()).isEqualTo(row.intent());
    }

    @Test
    void theTableHasFortyRepliesOrMoreTwentyInEachLanguageAndSixOfEachIntent() throws IOException {
        List<Row> table = table();

        assertThat(table).hasSizeGreaterThanOrEqualTo(40);
        assertThat(table.stream().collect(Collectors.groupingBy(Row::language, Collectors.counting())))
                .containsOnlyKeys("es", "en").allSatisfy((language, count) -> assertThat(count).isGreaterThanOrEqualTo(20));
        Map<ReplyIntent, Long> byIntent = table.stream().collect(Collectors.groupingBy(Row::intent, Collectors.counting()));
        assertThat(byIntent).containsOnlyKeys(ReplyIntent.values())
                .allSatisfy((intent, count) -> assertThat(count).as(intent.name()).isGreaterThanOrEqualTo(6));
    }

    @Test
    void theReadingNamesTheWordsThatToldAndNoneForAPlainReply() {
        assertThat(CLASSIFIER.classify("Hola Ana.\nNo estamos muy interesados, gracias."))
                .isEqualTo(new Reading(ReplyIntent.NOT_INTERESTED, "no estamos muy interesados"));
        assertThat(CLASSIFIER.classify("Please, don't unsubscribe me: I read every one of these. Tell me more!"))
                .isEqualTo(new Reading(ReplyIntent.INTERESTED, "tell me more"));
        assertThat(CLASSIFIER.classify("Thanks, Ben.")).isEqualTo(new Reading(ReplyIntent.INTERESTED, null));
    }

    @Test
    void aReplySayingWrongPersonGivesTheFirstAddressItsOwnWordsName() {
        assertThat(CLASSIFIER.classify("Hola Ana, no soy la persona indicada: escríbele a Lucía, Lucia.Paz@AndesNet.co.\n"
                + "Saludos\n--\nMarta\nmarta@andesnet.co\n\nEl lun, 30 nov 2026 a las 10:00, Ana <ana@leadflow.local> escribió:\n> Hola"))
                .isEqualTo(new Reading(ReplyIntent.WRONG_PERSON, "no soy la persona", "lucia.paz@andesnet.co"));
        assertThat(CLASSIFIER.classify("No soy la persona, lo siento.\n--\nMarta\nmarta@andesnet.co"))
                .isEqualTo(new Reading(ReplyIntent.WRONG_PERSON, "no soy la persona", null));
    }
}

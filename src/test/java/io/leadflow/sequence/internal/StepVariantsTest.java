package io.leadflow.sequence.internal;

import io.leadflow.email.EmailModel.Content;
import io.leadflow.email.TemplateKey;
import io.leadflow.sequence.SequenceProperties;
import org.junit.jupiter.api.Test;

import java.time.Period;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** A lead gets one variant of a step, always the same, and the leads split by the variants' weights. */
class StepVariantsTest {

    private static final int LEADS = 10_000;
    /** Leads' ids as they come (random), but the same in every run. */
    private static final List<UUID> IDS = ids(LEADS);

    @Test
    void theSameLeadAlwaysGetsTheSameVariantAlsoFromAnotherInstance() {
        StepVariants variants = variants(Map.of(2, weights("a", 50, "b", 50)));
        StepVariants afterRestart = variants(Map.of(2, weights("b", 50, "a", 50)));
        for (UUID lead : IDS) {
            assertThat(variants.of(lead, 2)).isEqualTo(afterRestart.of(lead, 2)).isEqualTo(variants.of(lead, 2)).isPresent();
        }
    }

    @Test
    void tenThousandLeadsSplitEvenlyWithinFivePercent() {
        Map<String, Long> counts = counts(variants(Map.of(1, weights("a", 50, "b", 50))), 1);
        assertThat(counts.keySet()).containsExactlyInAnyOrder("a", "b");
        counts.values().forEach(count -> assertThat(count).isCloseTo(LEADS / 2, within((long) (LEADS / 2 * 0.05))));
    }

    @Test
    void weightsSplitTheLeadsInTheirProportions() {
        Map<String, Long> counts = counts(variants(Map.of(3, weights("a", 60, "b", 30, "c", 10))), 3);
        assertThat(counts.get("a")).isCloseTo(6_000L, within(300L));
        assertThat(counts.get("b")).isCloseTo(3_000L, within(150L));
        assertThat(counts.get("c")).isCloseTo(1_000L, within(50L));
    }

    @Test
    void eachStepDrawsOnItsOwnAndAStepWithoutVariantsHasNone() {
        StepVariants variants = variants(Map.of(1, weights("a", 50, "b", 50), 2, weights("a", 50, "b", 50)));
        long same = IDS.stream().filter(lead -> variants.of(lead, 1).equals(variants.of(lead, 2))).count();
        // Independent draws agree half the time; one draw for both steps would agree always.
        assertThat(same).isCloseTo(LEADS / 2, within(250L));
        assertThat(variants.of(IDS.getFirst(), 4)).isEmpty();
    }

    @Test
    void variantsNeedTheControlAndAtLeastTwoNamesAndAWeight() {
        assertThatThrownBy(() -> variants(Map.of(1, weights("b", 50, "c", 50)))).hasMessageContaining("leadflow.sequence.variants.1");
        assertThatThrownBy(() -> variants(Map.of(1, Map.of("a", 100)))).hasMessageContaining("two or more");
        assertThatThrownBy(() -> variants(Map.of(1, weights("a", 0, "b", 0)))).hasMessageContaining("add up to 0");
        assertThatThrownBy(() -> variants(Map.of(1, weights("a", 50, "B.x", 50)))).hasMessageContaining("lower-case");
    }

    private static Map<String, Long> counts(StepVariants variants, int step) {
        return IDS.stream().map(lead -> variants.of(lead, step).orElseThrow())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Map<String, Integer> weights(Object... namesAndWeights) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (int i = 0; i < namesAndWeights.length; i += 2) {
            weights.put((String) namesAndWeights[i], (Integer) namesAndWeights[i + 1]);
        }
        return weights;
    }

    private static StepVariants variants(Map<Integer, Map<String, Integer>> variants) {
        return new StepVariants(settings(variants, new SequenceProperties.Tracking(true, java.time.Duration.ofSeconds(10), List.of())));
    }

    /** The sequence's settings with a content piece for every stage and language, and this tracking and these variants. */
    static SequenceProperties settings(Map<Integer, Map<String, Integer>> variants, SequenceProperties.Tracking tracking) {
        Map<String, Map<String, Content>> content = new HashMap<>();
        TemplateKey.STAGES.forEach(stage -> content.put(stage, TemplateKey.LANGUAGES.stream()
                .collect(Collectors.toMap(Function.identity(), language -> new Content("Guide", "https://example.com/" + stage)))));
        return new SequenceProperties(14, List.of("awareness"), null, content, Period.ofDays(7), 3, tracking, variants);
    }

    private static List<UUID> ids(int count) {
        Random random = new Random(19);
        return IntStream.range(0, count).mapToObj(i -> new UUID(random.nextLong(), random.nextLong())).toList();
    }
}

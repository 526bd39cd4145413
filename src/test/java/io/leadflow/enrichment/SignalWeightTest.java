package io.leadflow.enrichment;

import io.leadflow.enrichment.EnrichmentProvider.ObservedSignal;
import io.leadflow.enrichment.internal.RoleClassifier;
import io.leadflow.enrichment.internal.SignalStrengths;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadDetails;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Signals weigh by kind inside their family and lose half their weight every half-life; robots are no social graph;
 * the biography filters what the rest weigh; a trigger event counts only when it is news for the lead's persona.
 */
class SignalWeightTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    private static final String EMAIL = "ana.perez@example.com";

    private final SignalStrengths strengths = new SignalStrengths(new EnrichmentProperties(null, null, Duration.ofDays(90)),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final Leads leads = mock(Leads.class);
    private final EnrichmentProvider provider = mock(EnrichmentProvider.class);
    private final EnrichmentService enrichment = new EnrichmentService(leads, mock(Timeline.class), provider,
            new RoleClassifier(), strengths);

    @Test
    void aPostWeighsMoreThanALikeOfTheSameFamily() {
        assertThat(strengths.weigh(List.of(signal("post", 0))).strength())
                .isGreaterThan(strengths.weigh(List.of(signal("like", 0))).strength());
        assertThat(strengths.weigh(List.of(signal("post", 0))).families()).containsExactly(SignalFamily.ACTIVITY);
    }

    @Test
    void aSignalOneHalfLifeOldWeighsHalf() {
        assertThat(strengths.weigh(List.of(signal("post", 0))).strength()).isEqualTo(10);
        assertThat(strengths.weigh(List.of(signal("post", 90))).strength()).isEqualTo(5);
        assertThat(strengths.weigh(List.of(signal("post", 180))).strength()).isEqualTo(3); // 2.5, rounded half up
    }

    @Test
    void aRobotsFollowIsNoSocialGraph() {
        SignalStrengths.Weighed byBot = strengths.weigh(List.of(new ObservedSignal("follow", TODAY, "@growthbot")));
        assertThat(byBot.families()).isEmpty();
        assertThat(byBot.strength()).isZero();
        assertThat(strengths.weigh(List.of(new ObservedSignal("follow", TODAY, "@maria.lopez"))).families())
                .containsExactly(SignalFamily.SOCIAL_GRAPH);
    }

    @Test
    void aKindTheTableDoesNotKnowWeighsNothing() {
        assertThat(strengths.weigh(List.of(signal("wink", 0))).strength()).isZero();
    }

    @Test
    void theBiographyFiltersWhatTheSignalsWeigh() {
        List<ObservedSignal> aFreshPost = List.of(signal("post", 0));
        assertThat(enriched(LeadType.FORM_FILL, "CMO", null, aFreshPost).signalStrength()).isEqualTo(18); // the post and the form
        assertThat(enriched(LeadType.FORM_FILL, "Estudiante de marketing", null, aFreshPost).signalStrength()).isZero();
    }

    @Test
    void newsFitsTheCeoAndIsNoiseForTheAnalyst() {
        assertThat(enriched(LeadType.TRIGGER_EVENT, "CEO", "news", List.of()).triggerFitsPersona()).isTrue();
        assertThat(enriched(LeadType.TRIGGER_EVENT, "Marketing analyst", "news", List.of()).triggerFitsPersona()).isFalse();
        assertThat(enriched(LeadType.TRIGGER_EVENT, "Marketing analyst", "hiring", List.of()).triggerFitsPersona()).isTrue();
        assertThat(enriched(LeadType.FORM_FILL, "CEO", null, List.of()).triggerFitsPersona()).isNull();
    }

    private static ObservedSignal signal(String kind, int daysAgo) {
        return new ObservedSignal(kind, TODAY.minusDays(daysAgo), null);
    }

    private Enrichment enriched(LeadType type, String jobTitle, String eventKind, List<ObservedSignal> seen) {
        UUID id = UUID.randomUUID();
        LeadFacts facts = new LeadFacts(EMAIL, null, "Ana", "Pérez", jobTitle, null, null, null, null, "CO",
                "America/Bogota", "es", null, new LeadDetails(null, null, eventKind, null, null));
        when(leads.get(id)).thenReturn(new Lead(id, type, facts, null, LeadStage.LEAD, null, List.of(), Map.of(), null, NOW, NOW));
        when(provider.person(EMAIL)).thenReturn(Optional.of(new EnrichmentProvider.PersonFacts(null, null, null, List.of(),
                List.of(), seen)));
        return enrichment.enrich(id);
    }
}

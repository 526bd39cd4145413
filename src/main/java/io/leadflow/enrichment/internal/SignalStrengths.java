package io.leadflow.enrichment.internal;

import io.leadflow.enrichment.EnrichmentProperties;
import io.leadflow.enrichment.EnrichmentProvider.ObservedSignal;
import io.leadflow.enrichment.SignalFamily;
import io.leadflow.platform.ReferenceFile;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Weighs what a lead did (methodology, seed 003): each kind of signal has its strength inside its family (a post weighs
 * more than a like, {@code enrichment/signal-strengths.csv}), a signal loses half its weight every half-life
 * ({@code leadflow.enrichment.signal-half-life}), and robots' accounts ({@code enrichment/bot-accounts.txt}) are no
 * part of the social graph.
 */
@Component
public class SignalStrengths {

    private record Strength(SignalFamily family, int points) {
    }

    /** The families the signals left after the bot filter belong to, and their weight today. */
    public record Weighed(Set<SignalFamily> families, int strength) {
    }

    private final Map<String, Strength> byKind = new HashMap<>();
    private final List<Pattern> bots = ReferenceFile.lines("enrichment/bot-accounts.txt").stream()
            .map(bot -> Pattern.compile(bot, Pattern.CASE_INSENSITIVE)).toList();
    private final Duration halfLife;
    private final Clock clock;

    public SignalStrengths(EnrichmentProperties settings, Clock clock) {
        List<String> rows = ReferenceFile.lines("enrichment/signal-strengths.csv");
        for (String row : rows.subList(1, rows.size())) { // after the header
            String[] columns = row.split(",");
            byKind.put(columns[0].strip(), new Strength(SignalFamily.valueOf(columns[1].strip()), Integer.parseInt(columns[2].strip())));
        }
        this.halfLife = settings.signalHalfLife();
        this.clock = clock;
    }

    /** Kinds the table does not know weigh nothing and belong to no family. */
    public Weighed weigh(Collection<ObservedSignal> signals) {
        Set<SignalFamily> families = EnumSet.noneOf(SignalFamily.class);
        double strength = 0;
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        for (ObservedSignal signal : signals) {
            Strength kind = byKind.get(signal.kind());
            if (kind == null || kind.family() == SignalFamily.SOCIAL_GRAPH && isBot(signal.account())) {
                continue;
            }
            families.add(kind.family());
            Duration age = Duration.between(signal.on().atStartOfDay(), today.atStartOfDay());
            strength += kind.points() * Math.pow(0.5, (double) Math.max(0, age.toHours()) / halfLife.toHours());
        }
        return new Weighed(families, (int) Math.round(strength));
    }

    private boolean isBot(String account) {
        return account != null && bots.stream().anyMatch(bot -> bot.matcher(account).find());
    }
}

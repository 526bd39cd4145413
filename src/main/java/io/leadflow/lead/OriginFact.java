package io.leadflow.lead;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One thing marketing knows about how a lead came, for the rep at hand-off: its type, source, pages viewed, event,
 * referrer and the signals enrichment found. {@code href} is set only for a web link.
 */
public record OriginFact(String label, String value, String href) {

    /** What the task page and the rep's hand-off mail show, in this order; only what the lead has. */
    public static List<OriginFact> of(Lead lead) {
        List<OriginFact> origin = new ArrayList<>();
        origin.add(new OriginFact("Came as", words(lead.type().name()), null));
        if (lead.facts().source() != null) {
            origin.add(new OriginFact("Source", lead.facts().source(), null));
        }
        LeadDetails details = lead.facts().details();
        if (details != null) {
            if (!details.pagesViewed().isEmpty()) {
                origin.add(new OriginFact("Pages viewed", String.join(", ", details.pagesViewed()), null));
            }
            if (details.eventKind() != null || details.eventUrl() != null) {
                String url = details.eventUrl();
                boolean web = url != null && (url.startsWith("https://") || url.startsWith("http://"));
                origin.add(new OriginFact("Event", details.eventKind() == null ? url
                        : words(details.eventKind()) + (url == null ? "" : ": " + url), web ? url : null));
            }
            if (details.referredBy() != null) {
                origin.add(new OriginFact("Referred by", details.referredBy(), null));
            }
        }
        if (lead.enrichment() != null && lead.enrichment().get("signals") instanceof Collection<?> signals && !signals.isEmpty()) {
            origin.add(new OriginFact("Signals", signals.stream().map(signal -> words(String.valueOf(signal)))
                    .collect(Collectors.joining(", ")), null));
        }
        return List.copyOf(origin);
    }

    /** FORM_FILL, funding-round → "form fill", "funding round". */
    private static String words(String code) {
        return code.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
    }
}

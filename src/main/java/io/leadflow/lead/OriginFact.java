package io.leadflow.lead;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One thing marketing knows about how a lead came, for the rep at hand-off: its type, source, pages viewed, event,
 * referrer and the signals enrichment found. {@code kind} says which ({@code cameAs}, {@code source},
 * {@code pagesViewed}, {@code event}, {@code referredBy}, {@code signals}), named in the reader's language by its
 * {@link #messageCode()}; {@code href} is set only for a web link.
 */
public record OriginFact(String kind, String value, String href) {

    /** The message naming the fact in the reader's language, on the pages and in the rep's hand-off mail. */
    public String messageCode() {
        return "task.origin." + kind;
    }

    /** What the task page and the rep's hand-off mail show, in this order; only what the lead has. */
    public static List<OriginFact> of(Lead lead) {
        List<OriginFact> origin = new ArrayList<>();
        origin.add(new OriginFact("cameAs", words(lead.type().name()), null));
        if (lead.facts().source() != null) {
            origin.add(new OriginFact("source", lead.facts().source(), null));
        }
        LeadDetails details = lead.facts().details();
        if (details != null) {
            if (!details.pagesViewed().isEmpty()) {
                origin.add(new OriginFact("pagesViewed", String.join(", ", details.pagesViewed()), null));
            }
            if (details.eventKind() != null || details.eventUrl() != null) {
                String url = details.eventUrl();
                boolean web = url != null && (url.startsWith("https://") || url.startsWith("http://"));
                origin.add(new OriginFact("event", details.eventKind() == null ? url
                        : words(details.eventKind()) + (url == null ? "" : ": " + url), web ? url : null));
            }
            if (details.referredBy() != null) {
                origin.add(new OriginFact("referredBy", details.referredBy(), null));
            }
        }
        if (lead.enrichment() != null && lead.enrichment().get("signals") instanceof Collection<?> signals && !signals.isEmpty()) {
            origin.add(new OriginFact("signals", signals.stream().map(signal -> words(String.valueOf(signal)))
                    .collect(Collectors.joining(", ")), null));
        }
        return List.copyOf(origin);
    }

    /** FORM_FILL, funding-round → "form fill", "funding round". */
    private static String words(String code) {
        return code.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
    }
}

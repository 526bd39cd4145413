package io.leadflow.email;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadDetails;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import org.springframework.stereotype.Component;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A lead as its sequence emails address it: names cleaned ({@link PersonName}), and how it came, for the first email's
 * opening line. A person a rep found for a visiting company or a trigger event came the way the company did.
 */
@Component
public class EmailLeads {

    private final Leads leads;
    private final EmailRenderer renderer;

    EmailLeads(Leads leads, EmailRenderer renderer) {
        this.leads = leads;
        this.renderer = renderer;
    }

    /**
     * The line the lead's first email opens with, by how it came, in the lead's language: what the rep's first touch
     * builds on (methodology: an opening line per lead type). Empty when there is no opening in that language.
     */
    public String openingLine(Lead lead) {
        return renderer.firstTouchOpening(addressed(lead), lead.facts().language());
    }

    public EmailModel.Lead addressed(Lead lead) {
        LeadFacts facts = lead.facts();
        Lead cameAs = lead.type() == LeadType.RESEARCH && lead.companyLeadId() != null ? leads.get(lead.companyLeadId()) : lead;
        return new EmailModel.Lead(PersonName.clean(facts.firstName()), PersonName.clean(facts.lastName()), blankToNull(facts.company()),
                blankToNull(facts.jobTitle()), blankToNull(facts.industry()), blankToNull(facts.country()), origin(cameAs));
    }

    static EmailModel.Origin origin(Lead lead) {
        LeadDetails details = lead.facts().details() == null ? new LeadDetails(null, null, null, null, null) : lead.facts().details();
        String source = blankToNull(lead.facts().source());
        return new EmailModel.Origin(lead.type().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                source == null ? null : source.toLowerCase(Locale.ROOT), topic(details.pagesViewed()), details.eventKind(),
                PersonName.clean(details.referredBy()));
    }

    /**
     * What the last page read was about, in words: "/blog/roi-de-marketing?utm=x" is "roi de marketing"; null when
     * no page was read or the last one says nothing ("/", "/?p=12").
     */
    static String topic(List<String> pagesViewed) {
        if (pagesViewed.isEmpty()) {
            return null;
        }
        String path = pagesViewed.getLast().replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "").replaceFirst("[?#].*", "");
        String[] segments = path.split("/");
        String last = segments.length == 0 ? "" : segments[segments.length - 1];
        String words = decoded(last).replaceFirst("\\.[a-zA-Z0-9]{2,5}$", "").replaceAll("[-_+\\s]+", " ").strip();
        return words.codePoints().anyMatch(Character::isLetter) ? words : null;
    }

    /** The segment with its %-escapes decoded; as typed when they are broken ("%zz"). */
    private static String decoded(String segment) {
        try {
            return URLDecoder.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException brokenEscape) {
            return segment;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

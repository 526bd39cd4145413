package io.leadflow.lead;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A stored lead: what it told us, what we found out and where it stands. {@code companyLeadId} is the lead of the
 * company a rep found this person for ("Research who to contact"), else null.
 */
public record Lead(
        UUID id,
        LeadType type,
        LeadFacts facts,
        UUID companyLeadId,
        LeadStage stage,
        Integer fitScore,
        List<String> fitReasons,
        Map<String, Object> enrichment,
        String owner,
        Instant createdAt,
        Instant updatedAt) {

    /** The lead's own time zone: its working hours, due dates and the times it is shown. */
    public ZoneId zone() {
        return ZoneId.of(facts.timeZone());
    }

    /**
     * The person's name, else the company's, else its domain or the visitor's address: how a rep recognises the lead.
     * Never null, so every mail about a lead can name it.
     */
    public String fullName() {
        String name = facts.personName();
        if (!name.isEmpty()) {
            return name;
        }
        return Stream.of(facts.company(), facts.companyDomain(), facts.details() == null ? null : facts.details().visitorIp())
                .filter(Objects::nonNull).findFirst().orElse("a lead without a name");
    }
}

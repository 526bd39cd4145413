package io.leadflow.intake;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A stored lead: what it told us, what we found out and where it stands. */
public record Lead(
        UUID id,
        LeadType type,
        String email,
        String firstName,
        String lastName,
        String jobTitle,
        String company,
        String companyDomain,
        Integer employees,
        String industry,
        String country,
        ZoneId timeZone,
        String language,
        String source,
        Map<String, Object> details,
        LeadStage stage,
        Integer fitScore,
        List<String> fitReasons,
        Map<String, Object> enrichment,
        String owner,
        Long processInstanceKey,
        Instant createdAt,
        Instant updatedAt) {

    public String fullName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return name.isEmpty() ? (company == null ? companyDomain : company) : name;
    }
}

package io.leadflow.intake;

import java.util.List;

/** A validated lead as it arrived, before it is stored. Null means "not given". */
public record LeadSubmission(
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
        String timeZone,
        String language,
        String source,
        String visitorIp,
        List<String> pagesViewed,
        String eventKind,
        String eventUrl,
        String referredBy) {

    /** The key that makes two submissions the same lead: the person's email, else the company's domain. */
    public String emailKey() {
        return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }
}

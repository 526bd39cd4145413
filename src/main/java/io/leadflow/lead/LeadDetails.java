package io.leadflow.lead;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** What some lead types add: where a company visit came from, which event triggered a lead, who referred it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LeadDetails(
        String visitorIp,
        List<String> pagesViewed,
        String eventKind,
        String eventUrl,
        String referredBy) {

    public LeadDetails {
        pagesViewed = pagesViewed == null ? List.of() : List.copyOf(pagesViewed);
    }
}

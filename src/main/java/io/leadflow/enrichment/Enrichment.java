package io.leadflow.enrichment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What leadflow found out about a lead: what sales must always have, and the signals it shows. */
public record Enrichment(
        String role,
        String persona,
        String jobTitle,
        String industry,
        Integer employees,
        String country,
        String region,
        Integer tenureMonths,
        boolean personalEmail,
        String linkedinUrl,
        List<String> technologies,
        Set<SignalFamily> signals,
        boolean powerSignal,
        List<String> gaps) {

    /** The variables the fit decision reads; absent facts stay absent (null), so no rule matches on them. */
    public Map<String, Object> decisionVariables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("role", role);
        variables.put("persona", persona);
        variables.put("industry", industry);
        variables.put("employees", employees);
        variables.put("region", region);
        variables.put("personalEmail", personalEmail);
        variables.put("powerSignal", powerSignal);
        variables.put("linkedinUrl", linkedinUrl);
        return variables;
    }
}

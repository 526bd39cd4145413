package io.leadflow.process;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What leadflow's task list reads from a user task's instance: the lead, the sequence attempt (call and
 * social tasks) and the values the task forms show ({@link #shown()}).
 */
public record UserTaskVariables(String leadId, SequenceProcess.Attempt attempt, String replyIntent,
                                String caseStudyTitle, String caseStudyUrl) {

    /** The values a form may show as {{name}}, those that are set. */
    public Map<String, Object> shown() {
        Map<String, Object> shown = new LinkedHashMap<>();
        if (replyIntent != null) {
            shown.put("replyIntent", replyIntent);
        }
        if (caseStudyTitle != null) {
            shown.put("caseStudyTitle", caseStudyTitle);
            shown.put("caseStudyUrl", caseStudyUrl);
        }
        return shown;
    }
}

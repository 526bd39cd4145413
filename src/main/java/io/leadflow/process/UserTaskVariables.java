package io.leadflow.process;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What leadflow's task list reads from a user task's instance: the lead, the sequence attempt (call and
 * social tasks) and the values the task forms show ({@link #shown()}), or fill in: {@code signerEmail}, who a reply
 * said to talk to, in "Find who signs".
 */
public record UserTaskVariables(String leadId, SequenceProcess.Attempt attempt, String replyIntent,
                                String caseStudyTitle, String caseStudyUrl, String signerEmail) {

    /** The values a form may show as {{name}}, or start its field of that key with; those that are set. */
    public Map<String, Object> shown() {
        Map<String, Object> shown = new LinkedHashMap<>();
        if (replyIntent != null) {
            shown.put("replyIntent", replyIntent);
        }
        if (caseStudyTitle != null) {
            shown.put("caseStudyTitle", caseStudyTitle);
            shown.put("caseStudyUrl", caseStudyUrl);
        }
        if (signerEmail != null) {
            shown.put("signerEmail", signerEmail);
        }
        return shown;
    }
}

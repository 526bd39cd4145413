package io.leadflow.email;

import java.util.List;

/** The findings of one lint run; clean when there are none. */
public record LintReport(int templateCount, List<LintFinding> findings) {

    public LintReport {
        findings = List.copyOf(findings);
    }

    public boolean clean() {
        return findings.isEmpty();
    }

    public List<LintFinding> findingsFor(String template) {
        return findings.stream().filter(finding -> finding.template().equals(template)).toList();
    }

    /** One line per finding, then what each broken rule asks for, for a terminal. */
    public String format() {
        StringBuilder text = new StringBuilder()
                .append(templateCount).append(" templates, ").append(findings.size()).append(" findings\n");
        for (LintFinding finding : findings) {
            text.append("  ").append(finding.template())
                    .append("  [").append(finding.rule().id()).append("] ")
                    .append(finding.message()).append('\n');
        }
        findings.stream().map(LintFinding::rule).distinct().sorted().forEach(rule ->
                text.append("[").append(rule.id()).append("] ").append(rule.description()).append('\n'));
        return text.toString();
    }
}

package io.leadflow.email;

/** One broken rule in one template file. */
public record LintFinding(String template, LintRule rule, String message) {
}

package io.leadflow.engine;

import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;

/** Reads the annotations of a DMN file's rule rows (a rule's description, which the modeler shows as its annotation). */
final class DmnRules {

    private DmnRules() {
    }

    /** By decision id, the annotation of each rule row that has one, by rule id. */
    static Map<String, Map<String, String>> annotations(byte[] dmn) {
        Map<String, Map<String, String>> byDecision = new HashMap<>();
        for (Decision decision : Dmn.readModelFromStream(new ByteArrayInputStream(dmn)).getModelElementsByType(Decision.class)) {
            Map<String, String> rules = new HashMap<>();
            if (decision.getExpression() instanceof DecisionTable table) {
                for (Rule rule : table.getRules()) {
                    String annotation = rule.getDescription() == null ? "" : rule.getDescription().getTextContent().strip();
                    if (!annotation.isEmpty()) {
                        rules.put(rule.getId(), annotation);
                    }
                }
            }
            byDecision.put(decision.getId(), rules);
        }
        return byDecision;
    }
}

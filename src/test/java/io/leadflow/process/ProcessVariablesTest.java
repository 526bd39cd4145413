package io.leadflow.process;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every job type, message name and variable a model in processes/ uses is declared in its process's
 * contract ({@link IdentifyProcess}, {@link SequenceProcess}): a name renamed on one side only fails here.
 */
class ProcessVariablesTest {

    private static final Path PROCESSES = Path.of("processes");

    @Test
    void theIdentifyModelUsesOnlyWhatIdentifyProcessDeclares() {
        var model = ModelVocabulary.process(PROCESSES.resolve("lead-identify.bpmn"), IdentifyProcess.ID);
        assertThat(constants(IdentifyProcess.class)).containsAll(model.jobTypes()).containsAll(model.messageNames())
                .contains(IdentifyProcess.FIT_DECISION, IdentifyProcess.ASSIGNMENT_DECISION);
        assertThat(variables(IdentifyProcess.class)).containsAll(model.variables());
    }

    @Test
    void theFitDecisionReadsWhatEnrichmentWritesAndAnswersTheQualification() {
        var decisions = ModelVocabulary.decisions(PROCESSES.resolve("lead-fit.dmn"));
        Set<String> processVariables = decisions.decisionIds().stream()
                .flatMap(id -> decisions.decisionInputs(id).stream())
                .filter(input -> !decisions.decisionIds().contains(input))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(componentNames(IdentifyProcess.FitFacts.class)).containsAll(processVariables);
        assertThat(decisions.decisionOutputs(IdentifyProcess.FIT_DECISION))
                .containsExactlyInAnyOrderElementsOf(componentNames(IdentifyProcess.Qualification.class));
    }

    @Test
    void theAssignmentDecisionReadsWhatTheIdentifyProcessHoldsAndAnswersTheTeamTheAssignRepJobReads() {
        var decisions = ModelVocabulary.decisions(PROCESSES.resolve("lead-assignment.dmn"));
        assertThat(variables(IdentifyProcess.class)).containsAll(decisions.decisionInputs(IdentifyProcess.ASSIGNMENT_DECISION));
        assertThat(decisions.decisionOutputs(IdentifyProcess.ASSIGNMENT_DECISION)).containsExactly("team");
        assertThat(componentNames(IdentifyProcess.Variables.class)).contains("team");
    }

    @Test
    void theSequenceModelUsesOnlyWhatSequenceProcessDeclares() {
        var model = ModelVocabulary.process(PROCESSES.resolve("lead-sequence.bpmn"), SequenceProcess.ID);
        assertThat(constants(SequenceProcess.class)).containsAll(model.jobTypes()).containsAll(model.messageNames());
        assertThat(variables(SequenceProcess.class)).containsAll(model.variables());
    }

    @Test
    void theCadenceDecisionReadsTheLeadTypeAndAnswersCadenceRows() {
        var decisions = ModelVocabulary.decisions(PROCESSES.resolve("sequence-cadence.dmn"));
        assertThat(componentNames(SequenceProcess.Variables.class))
                .containsAll(decisions.decisionInputs(SequenceProcess.CADENCE_DECISION));
        assertThat(decisions.decisionOutputs(SequenceProcess.CADENCE_DECISION))
                .containsExactlyInAnyOrderElementsOf(componentNames(SequenceProcess.CadenceRow.class));
    }

    /** The values of the contract's string constants: process id, decisions, messages, job types. */
    private static Set<String> constants(Class<?> contract) {
        Set<String> values = new TreeSet<>();
        for (Field field : contract.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }

    /** Every component name of the contract's records: what its instances read and write. */
    private static Set<String> variables(Class<?> contract) {
        return Arrays.stream(contract.getClasses()).filter(Class::isRecord)
                .flatMap(record -> componentNames(record).stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}

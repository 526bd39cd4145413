package io.leadflow.process;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.leadflow.tasklist.UserTaskWorker;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every job type, message name and variable a model in processes/ uses is declared in its process's
 * contract ({@link JourneyProcess}, {@link IdentifyProcess}, {@link SequenceProcess}, {@link ExploreProcess},
 * {@link AdviseProcess}, and the jobs they share): a name renamed on one side only fails here.
 */
class ProcessVariablesTest {

    private static final Path PROCESSES = Path.of("processes");
    private static final Pattern FACT = Pattern.compile("\\bfacts\\.(\\w+)");

    @Test
    void theIdentifyModelUsesOnlyWhatIdentifyProcessDeclares() {
        var model = ModelVocabulary.process(PROCESSES.resolve("lead-identify.bpmn"), IdentifyProcess.ID);
        assertThat(constants(IdentifyProcess.class)).containsAll(model.jobTypes()).containsAll(model.messageNames())
                .contains(IdentifyProcess.FIT_DECISION, IdentifyProcess.ASSIGNMENT_DECISION);
        assertThat(variables(IdentifyProcess.class, WorkingTimeJob.class, RoutingJob.class)).containsAll(model.variables());
    }

    @Test
    void theFitDecisionReadsWhatEnrichmentWritesAndAnswersTheQualification() throws IOException {
        var decisions = ModelVocabulary.decisions(PROCESSES.resolve("lead-fit.dmn"));
        Set<String> processVariables = decisions.decisionIds().stream()
                .flatMap(id -> decisions.decisionInputs(id).stream())
                .filter(input -> !decisions.decisionIds().contains(input))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(processVariables).containsExactlyElementsOf(componentNames(IdentifyProcess.Enriched.class));
        assertThat(componentNames(IdentifyProcess.FitFacts.class)).containsAll(factsRead("lead-fit.dmn"));
        assertThat(decisions.decisionOutputs(IdentifyProcess.FIT_DECISION))
                .containsExactlyInAnyOrderElementsOf(componentNames(IdentifyProcess.Qualification.class));
    }

    @Test
    void theAssignmentDecisionReadsWhatTheIdentifyProcessHoldsAndAnswersTheTeamTheAssignRepJobReads() throws IOException {
        var decisions = ModelVocabulary.decisions(PROCESSES.resolve("lead-assignment.dmn"));
        assertThat(variables(IdentifyProcess.class)).containsAll(decisions.decisionInputs(IdentifyProcess.ASSIGNMENT_DECISION));
        assertThat(componentNames(IdentifyProcess.FitFacts.class)).containsAll(factsRead("lead-assignment.dmn"));
        assertThat(decisions.decisionOutputs(IdentifyProcess.ASSIGNMENT_DECISION)).containsExactly("team");
        assertThat(componentNames(IdentifyProcess.Variables.class)).contains("team");
    }

    @Test
    void theSequenceModelUsesOnlyWhatSequenceProcessDeclares() {
        var model = ModelVocabulary.process(PROCESSES.resolve("lead-sequence.bpmn"), SequenceProcess.ID);
        assertThat(constants(SequenceProcess.class)).containsAll(model.jobTypes()).containsAll(model.messageNames());
        assertThat(variables(SequenceProcess.class, WorkingTimeJob.class, RoutingJob.class)).containsAll(model.variables());
    }

    @Test
    void theJourneyModelUsesOnlyWhatJourneyProcessDeclares() {
        var model = ModelVocabulary.process(PROCESSES.resolve("lead-journey.bpmn"), JourneyProcess.ID);
        assertThat(constants(JourneyProcess.class)).containsAll(model.jobTypes()).containsAll(model.messageNames());
        // the call activities' output mappings read what the called stages declare
        assertThat(variables(JourneyProcess.class, IdentifyProcess.class, StageMoveJob.class, SequenceProcess.class,
                ExploreProcess.class, AdviseProcess.class, NurtureProcess.class)).containsAll(model.variables());
    }

    @Test
    void theNurtureModelUsesOnlyWhatNurtureProcessDeclares() {
        var model = ModelVocabulary.process(PROCESSES.resolve("lead-nurture.bpmn"), NurtureProcess.ID);
        assertThat(constants(NurtureProcess.class)).containsAll(model.jobTypes()).containsAll(model.messageNames());
        assertThat(variables(NurtureProcess.class)).containsAll(model.variables());
    }

    @Test
    void theExploreModelUsesOnlyWhatExploreProcessDeclares() {
        var model = ModelVocabulary.process(PROCESSES.resolve("lead-explore.bpmn"), ExploreProcess.ID);
        assertThat(constants(ExploreProcess.class)).containsAll(model.jobTypes()).containsAll(model.messageNames());
        assertThat(variables(ExploreProcess.class, StageMoveJob.class, WorkingTimeJob.class)).containsAll(model.variables());
    }

    @Test
    void theAdviseModelUsesOnlyWhatAdviseProcessDeclares() {
        var model = ModelVocabulary.process(PROCESSES.resolve("lead-advise.bpmn"), AdviseProcess.ID);
        assertThat(constants(AdviseProcess.class)).containsAll(model.jobTypes()).containsAll(model.messageNames())
                .contains(AdviseProcess.CASE_STUDY_DECISION);
        assertThat(variables(AdviseProcess.class, StageMoveJob.class, WorkingTimeJob.class, RoutingJob.class)).containsAll(model.variables());
    }

    @Test
    void theCaseStudyDecisionReadsTheBuyerAndAnswersTheCaseStudy() {
        var decisions = ModelVocabulary.decisions(PROCESSES.resolve("case-study.dmn"));
        assertThat(componentNames(AdviseProcess.Variables.class))
                .containsAll(decisions.decisionInputs(AdviseProcess.CASE_STUDY_DECISION));
        assertThat(decisions.decisionOutputs(AdviseProcess.CASE_STUDY_DECISION))
                .containsExactlyInAnyOrderElementsOf(componentNames(AdviseProcess.CaseStudy.class));
    }

    @Test
    void theTaskListFetchesWhatItsVariablesRecordDeclares() throws NoSuchMethodException {
        String[] fetched = UserTaskWorker.class.getMethod("userTaskCreated", ActivatedJob.class)
                .getAnnotation(JobWorker.class).fetchVariables();
        assertThat(fetched).containsExactlyInAnyOrderElementsOf(componentNames(UserTaskVariables.class));
    }

    @Test
    void theCadenceDecisionReadsTheLeadTypeAndAnswersCadenceRows() {
        var decisions = ModelVocabulary.decisions(PROCESSES.resolve("sequence-cadence.dmn"));
        assertThat(componentNames(SequenceProcess.Variables.class))
                .containsAll(decisions.decisionInputs(SequenceProcess.CADENCE_DECISION));
        assertThat(decisions.decisionOutputs(SequenceProcess.CADENCE_DECISION))
                .containsExactlyInAnyOrderElementsOf(componentNames(SequenceProcess.CadenceRow.class));
    }

    /** The facts a decision file reads as steps of the one variable enrichment writes, {@code facts.region}. */
    private static Set<String> factsRead(String file) throws IOException {
        Set<String> facts = FACT.matcher(Files.readString(PROCESSES.resolve(file))).results().map(match -> match.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(facts).as("the facts " + file + " reads").isNotEmpty();
        return facts;
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

    /** Every component name of the contracts' records: what their instances read and write. */
    private static Set<String> variables(Class<?>... contracts) {
        return Arrays.stream(contracts).flatMap(contract -> Arrays.stream(contract.getClasses())).filter(Class::isRecord)
                .flatMap(record -> componentNames(record).stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}

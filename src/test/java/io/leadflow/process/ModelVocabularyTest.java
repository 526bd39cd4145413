package io.leadflow.process;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.leadflow.process.ModelVocabulary.DecisionVocabulary;
import io.leadflow.process.ModelVocabulary.ProcessVocabulary;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.leadflow.process.ModelVocabulary.feelVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The vocabulary of the real models, checked by hand against processes/, and the FEEL corner cases. */
class ModelVocabularyTest {

    static final Path PROCESSES = Path.of("processes");

    @Test
    void leadIdentify() {
        assertThat(ModelVocabulary.processes(PROCESSES.resolve("lead-identify.bpmn"))).containsOnlyKeys("lead-identify");
        ProcessVocabulary identify = ModelVocabulary.process(PROCESSES.resolve("lead-identify.bpmn"), "lead-identify");

        assertThat(identify.jobTypes()).containsExactly("assign-rep", "create-contact-lead", "decide-fit", "decide-routing", "due-in-working-time",
                "enrich-lead", "escalate-sla-breach", "notify-rep");
        assertThat(identify.messageNames()).isEmpty();
        // personKnown in a condition, owner and researchDue on the research task (its due from due-in-working-time, late a
        // breach), qualification and team from the decisions (team the result variable decide-routing's header names)
        assertThat(identify.variables()).containsExactly("breach", "due", "owner", "personKnown", "qualification",
                "researchDue", "team", "workingHours");
    }

    @Test
    void leadSequence() {
        ProcessVocabulary sequence = ModelVocabulary.process(PROCESSES.resolve("lead-sequence.bpmn"), "lead-sequence");

        assertThat(sequence.jobTypes()).containsExactly(
                "attempt-time", "decide-routing", "due-in-working-time", "escalate-sla-breach", "first-contact-open", "follow-up-time",
                "keep-owner", "plan-sequence", "reassign-lead", "record-sequence-exit", "recycle-to-nurture", "reject-lead",
                "send-connected-call-email", "send-sequence-email", "withdraw-first-contact", "withdraw-sla-decision");
        assertThat(sequence.messageNames()).containsExactly(
                "first-contact-closed", "sequence-exit", "sequence-rescheduled");
        assertThat(sequence.variables()).containsExactly(
                "action",           // read by the social touches' output mapping
                "at",               // follow-up-time's result, read by an output mapping
                "attempt",          // the loop's input element, read again by attempt-time, read by timers, due dates and conditions
                "attemptOpen",      // the attempt's input mapping and attempt-time's result, read by the open-now condition
                "attemptOpenAt",    // the attempt's input mapping and attempt-time's result, read by the planned time's timer
                "attemptOutcomes",  // read and written by the calls' output mapping
                "attempts",         // the loop's input collection
                "breach",           // the escalation's input mapping
                "cadence",          // the decision's result: the result variable decide-routing's header names
                "due",              // due-in-working-time's result, read by an output mapping
                "exitReason",       // the exits' input mapping, sent with the exit message, read by ready-for-explore
                "firstContactDue",  // keep's and reassign's result, read by the re-armed SLA's timer
                "firstContactOpen", // first-contact-open's result, read by the escalate-again condition
                "followUp",         // the emails' input mapping
                "followUpAt",       // the follow-up's moment (working time, a mailbox slot), read by its timer
                "followUpInWorkingTime", // whether the follow-up goes now, read by the follow-up's condition
                "lastSocialAction", // the social touches' output mapping
                "leadId",           // the messages' correlation key
                "manager",          // the SLA breach task's assignee
                "outcome",          // the calls' result, read by the outcome conditions
                "owner",            // every user task's assignee
                "rejection",        // the calls' output mapping, read by reject-lead
                "rejectionOther",   // the call form's "other" reason, read by the calls' output mapping
                "rejectionReason",  // the call form's reason, read by the calls' output mapping
                "sendNow",          // follow-up-time's result, read by an output mapping
                "sequenceExit",     // the exits' output mapping, for the journey
                "slaDecision",      // the manager's answer, read by the keep-or-reassign condition
                "slaDecisionDue",   // the manager's task's due date
                "workingHours");    // due-in-working-time's input mapping
        // {step: attempt.step, channel: attempt.channel, outcome: outcome} names no variables step and channel
        assertThat(sequence.variables()).doesNotContain(
                "step", "channel", "if", "then", "else", "null", "or", "append", "date", "time", "date and time");
    }

    @Test
    void leadFit() {
        DecisionVocabulary fit = ModelVocabulary.decisions(PROCESSES.resolve("lead-fit.dmn"));

        assertThat(fit.decisionIds()).containsExactlyInAnyOrder("lead-fit", "FitSignals", "BuyerRole", "FitScore", "FitReasons");
        // The top decision reads the decisions it requires, and the facts (facts.region) for the rule excluding the regions
        // not served; the other facts come in below it.
        assertThat(fit.decisionInputs("lead-fit")).containsExactly("BuyerRole", "FitScore", "facts");
        assertThat(fit.decisionOutputs("lead-fit")).containsExactly("reasons", "score", "stage");
        assertThat(fit.decisionInputs("FitSignals")).containsExactly("facts");
        assertThat(fit.decisionOutputs("FitSignals")).containsExactly("points", "reason");
        assertThat(fit.decisionInputs("BuyerRole")).containsExactly("facts");
        assertThat(fit.decisionOutputs("BuyerRole")).containsExactly("buyerRole");
        // Literal expressions: count(...) and sum(...) are calls, .points and .reason steps of a path.
        assertThat(fit.decisionInputs("FitScore")).containsExactly("FitSignals");
        assertThat(fit.decisionOutputs("FitScore")).containsExactly("FitScore");
        assertThat(fit.decisionInputs("FitReasons")).containsExactly("FitSignals");
        assertThat(fit.decisionOutputs("FitReasons")).containsExactly("FitReasons");
    }

    @Test
    void leadAssignment() {
        DecisionVocabulary assignment = ModelVocabulary.decisions(PROCESSES.resolve("lead-assignment.dmn"));

        assertThat(assignment.decisionIds()).containsExactly("lead-assignment");
        assertThat(assignment.decisionInputs("lead-assignment")).containsExactly("country", "facts");
        assertThat(assignment.decisionOutputs("lead-assignment")).containsExactly("team");
    }

    @Test
    void sequenceCadence() {
        DecisionVocabulary cadence = ModelVocabulary.decisions(PROCESSES.resolve("sequence-cadence.dmn"));

        assertThat(cadence.decisionIds()).containsExactly("sequence-cadence");
        assertThat(cadence.decisionInputs("sequence-cadence")).containsExactly("leadType");
        assertThat(cadence.decisionOutputs("sequence-cadence")).containsExactly("channel", "dayOffset", "step");
        assertThatThrownBy(() -> cadence.decisionInputs("lead-fit")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyPlaceThatReadsOrWritesAVariable() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("edge-cases")
                .startEvent()
                .serviceTask("greet", task -> task
                        .zeebeJobType("greet")
                        .zeebeEndExecutionListener("audit")
                        .zeebeInputExpression("\"Dear \" + name + \", if you read this: for x in xs\"", "greeting")
                        .zeebeOutputExpression("if total = null then [] else total", "result.total")
                        .zeebeOutputExpression("{step: attempt.step, label: step, size: count(items)}", "summary"))
                .receiveTask("wait").message(message -> message.name("ping").zeebeCorrelationKeyExpression("order.id"))
                .scriptTask("score", task -> task
                        .zeebeExpression("for x in candidates return x.y")
                        .zeebeResultVariable("scores"))
                .serviceTask("each", task -> task
                        .zeebeJobType("each")
                        .multiInstance(loop -> loop
                                .zeebeInputCollectionExpression("scores")
                                .zeebeInputElement("score")
                                .zeebeOutputCollection("results")
                                .zeebeOutputElementExpression("score.value")))
                .intermediateCatchEvent("until", event -> event.timerWithDateExpression("date and time(deadline)"))
                .exclusiveGateway("check")
                .conditionExpression("some p in people satisfies p.age > limit")
                .endEvent("enough")
                .moveToLastGateway()
                .endEvent("short")
                .done();

        ProcessVocabulary edgeCases = ModelVocabulary.processes(model).get("edge-cases");

        assertThat(edgeCases.jobTypes()).containsExactly("audit", "each", "greet");
        assertThat(edgeCases.messageNames()).containsExactly("ping");
        assertThat(edgeCases.variables()).containsExactly(
                "attempt", "candidates", "deadline", "greeting", "items", "limit", "name", "order", "people",
                "result", "results", "score", "scores", "summary", "total");
    }

    @Test
    void feelNamesThatAreNoVariables() {
        assertThat(feelVariables("=\"qualification.stage = MQL\" + suffix")).containsExactly("suffix");
        assertThat(feelVariables("if a = null then [] else a")).containsExactly("a");
        assertThat(feelVariables("for x in xs return x.y")).containsExactly("xs");
        assertThat(feelVariables("for x in xs, y in x.ys return y + offset")).containsExactly("offset", "xs");
        assertThat(feelVariables("{a: 1, b: a + c}.b")).containsExactly("c");
        assertThat(feelVariables("{outcome: outcome}")).containsExactly("outcome");
        assertThat(feelVariables("list contains(tags, \"vip\") and now() < date and time(until)"))
                .containsExactly("tags", "until");
        assertThat(feelVariables("x instance of number and `first name` != null")).containsExactly("first name", "x");
        assertThat(feelVariables("for i in 1..n return i * 1.5e3")).containsExactly("n");
        assertThat(feelVariables("status in [\"A\", \"B\"]")).containsExactly("status");
    }

    @Test
    void aJobTypeMustBeStatic() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("dynamic")
                .startEvent()
                .serviceTask("work", task -> task.zeebeJobTypeExpression("kind"))
                .endEvent()
                .done();

        assertThatThrownBy(() -> ModelVocabulary.processes(model))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("=kind");
    }
}

package io.leadflow.simulation.internal;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.protocol.Protocol;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.engine.SandboxEngine;
import io.leadflow.lead.RuleDecision;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.Json;
import io.leadflow.process.IdentifyProcess;
import io.leadflow.process.RoutingJob;
import io.leadflow.simulation.SimulationProperties;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * One side of a simulation: the leads started, at their arrival, in the identify stage of the given models on a
 * sandbox engine whose clock jumps from one due timer (or arrival, or rep answer) to the next. The engine evaluates the
 * models' BPMN and DMN; each job is completed by a handler that gives what the real worker would give, from the lead's
 * recorded facts and history, with no side effect: nothing is mailed, stored or assigned live. A rep task is completed
 * as history says (after the same time it took the rep) or, where history has none, with the configured chance after
 * the configured time, drawn from the seed, the lead and the task (so the same inputs replay alike).
 */
final class Replay {

    /** What the run reports as it goes, and asks whether to go on. */
    interface Progress {
        void leadsStarted(int leads);

        boolean cancelled();
    }

    /** Mails the live workers of these job types send, as the replay counts them. */
    private static final Map<String, String> MAILS = Map.of(
            IdentifyProcess.NOTIFY_REP, "rep-notification",
            IdentifyProcess.ESCALATE_SLA_BREACH, "sla-breach");

    private final SimulationProperties settings;
    private final BusinessHoursCalendar calendar;
    private final Json json;
    private final RepTeams teams;
    private final Duration firstContactWithin;

    Replay(SimulationProperties settings, BusinessHoursCalendar calendar, Json json, RepTeams teams, Duration firstContactWithin) {
        this.settings = settings;
        this.calendar = calendar;
        this.json = json;
        this.teams = teams;
        this.firstContactWithin = firstContactWithin;
    }

    /** Replays the leads (by arrival) through the models; follows them until {@code until}. */
    List<LeadOutcome> run(ModelSet models, List<ReplayLead> leads, Instant until, Progress progress) {
        Map<String, String> elementNames = elementNames(models);
        try (SandboxEngine sandbox = SandboxEngine.start(leads.getFirst().arrivedAt())) {
            Side side = new Side(sandbox, sandbox.deploy(models.files()), elementNames, teams.rotation());
            int started = 0;
            while (true) {
                if (progress.cancelled()) {
                    throw new CancellationException("cancelled");
                }
                Instant now = sandbox.now();
                while (started < leads.size() && !leads.get(started).arrivedAt().isAfter(now)) {
                    side.start(leads.get(started++));
                }
                side.answerDueTasks(now);
                side.drain();
                progress.leadsStarted(started);
                Instant wake = Stream.of(started < leads.size() ? Optional.of(leads.get(started).arrivedAt()) : Optional.<Instant>empty(),
                                side.nextAnswer(), sandbox.nextTimerDue())
                        .flatMap(Optional::stream).min(Comparator.naturalOrder()).orElse(null);
                if (wake == null || wake.isAfter(until)) {
                    return leads.stream().map(lead -> side.states.get(lead.id()).outcome()).toList();
                }
                sandbox.moveClockTo(wake);
            }
        }
    }

    private static Map<String, String> elementNames(ModelSet models) {
        Map<String, String> names = new HashMap<>();
        models.files().forEach((file, bytes) -> {
            if (file.endsWith(".bpmn")) {
                BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
                for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
                    names.put(processOf(element) + "/" + element.getId(), element.getName() == null ? element.getId() : element.getName());
                }
            }
        });
        return names;
    }

    private static String processOf(FlowElement element) {
        ModelElementInstance parent = element.getParentElement();
        while (!(parent instanceof Process)) {
            parent = parent.getParentElement();
        }
        return ((Process) parent).getId();
    }

    /** A rep task the replay completes at {@code at}. */
    private record Answer(Instant at, UUID leadId, String elementId, long jobKey, Map<String, Object> values, int task) {
    }

    /** What a lead went through so far in this side. */
    private final class LeadState {
        final ReplayLead lead;
        String stage;
        Integer score;
        String team;
        String owner;
        Instant assignedAt;
        Instant firstTouchDue;
        final List<LeadOutcome.Task> tasks = new ArrayList<>();
        final List<String> breaches = new ArrayList<>();
        final Map<String, Integer> emails = new TreeMap<>();
        final List<String> incidents = new ArrayList<>();

        LeadState(ReplayLead lead) {
            this.lead = lead;
        }

        LeadOutcome outcome() {
            Double firstTouch = firstTouchDue == null ? null : calendar.workingTimeBetween(lead.arrivedAt(), firstTouchDue,
                    lead.country(), lead.zone()).toMinutes() / 60.0;
            return new LeadOutcome(lead.id(), lead.name(), lead.arrivedAt(), stage, score, team, owner, assignedAt,
                    List.copyOf(tasks), List.copyOf(breaches), Map.copyOf(emails), firstTouch, List.copyOf(incidents));
        }
    }

    /** The sandbox, its deployment and the leads' states of one side. */
    private final class Side {
        final SandboxEngine sandbox;
        final SandboxEngine.Deployment deployment;
        final Map<String, String> elementNames;
        final RepTeams.Rotation rotation;
        final Map<UUID, LeadState> states = new HashMap<>();
        final Map<Long, LeadState> byInstance = new HashMap<>();
        final PriorityQueue<Answer> answers = new PriorityQueue<>(Comparator.comparing(Answer::at)
                .thenComparing(Answer::leadId).thenComparing(Answer::elementId).thenComparing(Answer::task));

        Side(SandboxEngine sandbox, SandboxEngine.Deployment deployment, Map<String, String> elementNames, RepTeams.Rotation rotation) {
            this.sandbox = sandbox;
            this.deployment = deployment;
            this.elementNames = elementNames;
            this.rotation = rotation;
            if (!deployment.processes().containsKey(IdentifyProcess.ID)) {
                throw new SandboxEngine.ModelRejectedException("No model defines the process " + IdentifyProcess.ID, null);
            }
        }

        void start(ReplayLead lead) {
            LeadState state = new LeadState(lead);
            states.put(lead.id(), state);
            byInstance.put(sandbox.startInstance(deployment.processes().get(IdentifyProcess.ID), lead.startVariables()), state);
        }

        Optional<Instant> nextAnswer() {
            return Optional.ofNullable(answers.peek()).map(Answer::at);
        }

        void answerDueTasks(Instant now) {
            while (!answers.isEmpty() && !answers.peek().at().isAfter(now)) {
                Answer answer = answers.poll();
                LeadState state = states.get(answer.leadId());
                try {
                    sandbox.complete(answer.jobKey(), answer.values());
                    LeadOutcome.Task task = state.tasks.get(answer.task());
                    state.tasks.set(answer.task(), new LeadOutcome.Task(task.name(), task.due(), answer.at()));
                } catch (ClientStatusException e) {
                    // The model closed the task meanwhile (an interrupting timer): it stays not completed.
                }
            }
        }

        /** Completes every job there is until the engine waits on time alone. */
        void drain() {
            while (true) {
                sandbox.awaitIdle();
                List<ActivatedJob> jobs = new ArrayList<>(sandbox.activateJobs());
                if (jobs.isEmpty()) {
                    break;
                }
                jobs.sort(Comparator.comparingLong(ActivatedJob::getKey));
                for (ActivatedJob job : jobs) {
                    handle(job);
                }
            }
            for (SandboxEngine.Incident incident : sandbox.takeIncidents()) {
                LeadState state = byInstance.get(incident.processInstanceKey());
                if (state != null) {
                    state.incidents.add(incident.processId() + "/" + incident.elementId() + ": " + incident.errorType() + ": "
                            + incident.message());
                }
            }
        }

        private void handle(ActivatedJob job) {
            LeadState state = byInstance.get(job.getProcessInstanceKey());
            Map<String, Object> variables = job.getVariablesAsMap();
            if (state == null) {
                state = states.get(UUID.fromString(String.valueOf(variables.get("leadId"))));
            }
            try {
                Map<String, Object> result = result(job, variables, state);
                if (result != null) {
                    sandbox.complete(job.getKey(), result);
                }
            } catch (RuntimeException e) {
                // As a live worker's failure: the engine raises an incident on the element, with the reason.
                sandbox.client().newFailCommand(job.getKey()).retries(0).errorMessage(String.valueOf(e.getMessage())).send().join();
            }
        }

        /** What the live worker of the job's type would hand back; null for a rep task, completed later. */
        private Map<String, Object> result(ActivatedJob job, Map<String, Object> variables, LeadState state) {
            Instant now = sandbox.now();
            ReplayLead lead = state.lead;
            String mail = MAILS.get(job.getType());
            if (mail != null) {
                state.emails.merge(job.getElementId() + " (" + mail + ")", 1, Integer::sum);
            }
            return switch (job.getType()) {
                case IdentifyProcess.ENRICH_LEAD -> lead.fitFacts();
                case IdentifyProcess.DECIDE_FIT -> decideFit(job, variables, state);
                case RoutingJob.TYPE -> route(variables);
                case IdentifyProcess.ASSIGN_REP -> {
                    state.team = (String) variables.get("team");
                    state.owner = rotation.next(state.team);
                    state.assignedAt = now;
                    state.firstTouchDue = calendar.addWorkingTime(now, firstContactWithin, lead.country(), lead.zone()).toInstant();
                    Map<String, Object> assigned = new HashMap<>();
                    assigned.put("owner", state.owner);
                    assigned.put("taskDue", engineTime(state.firstTouchDue, lead));
                    yield assigned;
                }
                case IdentifyProcess.DUE_IN_WORKING_TIME -> {
                    int hours = variables.get("workingHours") instanceof Number number ? number.intValue() : 0;
                    yield Map.of("due", engineTime(calendar.addWorkingTime(now, Duration.ofHours(hours), lead.country(),
                                    lead.zone()).toInstant(), lead),
                            "inWorkingTime", calendar.isWorkingTime(now, lead.country(), lead.zone()));
                }
                case IdentifyProcess.ESCALATE_SLA_BREACH -> {
                    state.breaches.add(String.valueOf(variables.get("breach")));
                    Map<String, Object> escalated = new HashMap<>();
                    escalated.put("manager", state.owner == null ? null : teams.managers().get(state.owner));
                    yield escalated;
                }
                case IdentifyProcess.CREATE_CONTACT_LEAD -> Map.of("contactLeadId",
                        UUID.nameUUIDFromBytes((lead.id() + "/contact").getBytes(StandardCharsets.UTF_8)).toString());
                case Protocol.USER_TASK_JOB_TYPE -> {
                    repTask(job, state, now);
                    yield null;
                }
                default -> Map.of();
            };
        }

        /** A moment handed to the engine (a due its timers wait for), in the lead's zone as the live workers give it. */
        private String engineTime(Instant at, ReplayLead lead) {
            return sandbox.toEngine(at).atZone(lead.zone()).toOffsetDateTime().toString();
        }

        private Map<String, Object> decideFit(ActivatedJob job, Map<String, Object> variables, LeadState state) {
            Long decision = deployment.decisions().get(IdentifyProcess.FIT_DECISION);
            EvaluateDecisionResponse response = sandbox.evaluateDecision(decision, variables);
            Map<String, Object> qualification = json.map(response.getDecisionOutput());
            state.stage = qualification.get("stage") == null ? null : String.valueOf(qualification.get("stage"));
            state.score = qualification.get("score") instanceof Number number ? number.intValue() : null;
            RuleDecision decided = new RuleDecision(response.getDecisionId(), response.getDecisionVersion(),
                    response.getEvaluatedDecisions().stream().flatMap(evaluated -> evaluated.getMatchedRules().stream()
                            .map(rule -> new RuleDecision.Rule(evaluated.getDecisionId(), rule.getRuleId(), null))).toList());
            return Map.of("qualification", qualification, "fitDecision", json.toMap(decided));
        }

        /** A routing table (the team, the cadence, the case study) evaluated in the sandbox, as the live worker does. */
        private Map<String, Object> route(Map<String, Object> variables) {
            String decisionId = String.valueOf(variables.get("decision"));
            Long decision = deployment.decisions().get(decisionId);
            if (decision == null) {
                throw new IllegalStateException("no model defines the decision \"" + decisionId + "\"");
            }
            Map<String, Object> routed = new HashMap<>();
            routed.put("routing", json.value(sandbox.evaluateDecision(decision, variables).getDecisionOutput()));
            return routed;
        }

        /** The task is open from now; it is answered as history says, else as drawn. */
        private void repTask(ActivatedJob job, LeadState state, Instant now) {
            String name = elementNames.getOrDefault(job.getBpmnProcessId() + "/" + job.getElementId(), job.getElementId());
            String dueHeader = job.getCustomHeaders().get(Protocol.USER_TASK_DUE_DATE_HEADER_NAME);
            Instant due = dueHeader == null || dueHeader.isBlank() ? null : sandbox.fromEngine(OffsetDateTime.parse(dueHeader).toInstant());
            state.tasks.add(new LeadOutcome.Task(name, due, null));
            int index = state.tasks.size() - 1;
            answer(state.lead, name, job.getElementId()).ifPresent(answer -> answers.add(new Answer(now.plus(answer.after()),
                    state.lead.id(), job.getElementId(), job.getKey(), answer.values(), index)));
        }

        private record Answered(Duration after, Map<String, Object> values) {
        }

        /**
         * How the rep answered the task of this name in history: after the time it took, with the values they gave; a task
         * history has and never completed is never answered; one history lacks is drawn.
         */
        private Optional<Answered> answer(ReplayLead lead, String name, String elementId) {
            Instant created = null;
            for (Timeline.Entry entry : lead.history()) {
                boolean thisTask = name.equals(entry.details().get("task"));
                if (thisTask && entry.type().equals(Timeline.Type.TASK_CREATED.name()) && created == null) {
                    created = entry.at();
                } else if (thisTask && created != null && entry.type().equals(Timeline.Type.TASK_COMPLETED.name())) {
                    Map<String, Object> values = new LinkedHashMap<>(entry.details());
                    values.remove("task");
                    values.remove("by");
                    return Optional.of(new Answered(Duration.between(created, entry.at()), values));
                }
            }
            if (created != null) {
                return Optional.empty();
            }
            SplittableRandom draw = new SplittableRandom(settings.seed() ^ lead.id().getMostSignificantBits()
                    ^ lead.id().getLeastSignificantBits() ^ elementId.hashCode());
            return draw.nextDouble() < settings.taskCompletionChance()
                    ? Optional.of(new Answered(settings.taskCompletionAfter(), Map.of()))
                    : Optional.empty();
        }
    }
}

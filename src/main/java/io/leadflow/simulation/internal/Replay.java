package io.leadflow.simulation.internal;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.protocol.Protocol;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.email.SendSlots;
import io.leadflow.engine.DecisionEvaluation;
import io.leadflow.engine.SandboxEngine;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.Json;
import io.leadflow.process.ExploreProcess;
import io.leadflow.process.IdentifyProcess;
import io.leadflow.process.JourneyProcess;
import io.leadflow.process.NurtureProcess;
import io.leadflow.process.RoutingJob;
import io.leadflow.process.SequenceProcess;
import io.leadflow.process.StageMoveJob;
import io.leadflow.sequence.CadenceStep;
import io.leadflow.sequence.Channel;
import io.leadflow.sequence.PlannedAttempt;
import io.leadflow.sequence.SequencePlanner;
import io.leadflow.sequence.SequenceTemplates;
import io.leadflow.simulation.SimulationProperties;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * One side of a simulation: the leads started, at their arrival, in the journey of the given models (identify, then the
 * connect sequence, explore, advise and nurture) on a sandbox engine whose clock jumps from one due timer (or arrival,
 * or rep answer, or lead's sign) to the next. The engine evaluates the models' BPMN and DMN; each job is completed by a
 * handler that gives what the real worker would give, from the lead's recorded facts and history, with no side effect:
 * nothing is mailed, stored or assigned live. The sequence is planned by the live planner on the lead's calendar, its
 * emails go with the template (and A/B variant) the live sequence picks for the lead, when the rep's mailbox has room
 * under its sending limit. A rep task is completed as history says (after the same time it took the rep, with
 * the values they gave) or, where history has none, with the configured chance after the configured time, drawn from the
 * seed, the lead and the task (so the same inputs replay alike), with its form's {@link #NOTHING_CAME_OF_IT answer}. The
 * lead replies, books, unsubscribes or bounces as history says, as long after the replay's touch of the same step as
 * after the real one (after the sequence's start when no touch preceded it).
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

    /**
     * A drawn answer, by the task's form: nothing came of the touch (a call not answered, a connection request), the
     * manager keeps the rep, the lead is not qualified now, the deal is lost for want of a decision.
     */
    static final Map<String, Map<String, Object>> NOTHING_CAME_OF_IT = Map.of(
            SequenceProcess.CALL_FORM, Map.of("outcome", "no-answer"),
            "social-touch", Map.of("action", "sent-connection-request"),
            "sla-breach", Map.of("slaDecision", "keep"),
            "qualify-lead", Map.of("decision", "nurture", "recycleReason", "bad-timing"),
            "deal-outcome", Map.of("outcome", "lost", "lostReason", "no-decision"));

    /**
     * The lead's signs history records, and the messages the models wait for them by: each ends the sequence, its type the
     * exit's reason.
     */
    private static final Map<String, List<String>> SIGNS = Map.of(
            Timeline.Type.REPLIED.name(), List.of(SequenceProcess.SEQUENCE_EXIT, NurtureProcess.LEAD_ENGAGED),
            Timeline.Type.MEETING_BOOKED.name(), List.of(SequenceProcess.SEQUENCE_EXIT),
            Timeline.Type.UNSUBSCRIBED.name(), List.of(SequenceProcess.SEQUENCE_EXIT),
            Timeline.Type.BOUNCED.name(), List.of(SequenceProcess.SEQUENCE_EXIT));

    /** The stages a lead goes through on its way, in order. */
    private static final List<LeadStage> WAY = List.of(LeadStage.LEAD, LeadStage.MQL, LeadStage.SQL, LeadStage.OPPORTUNITY,
            LeadStage.CUSTOMER);

    /** What the replay plans and mails the sequence with, as the live sequence does, and the mailboxes it sends from. */
    record Sequences(SequencePlanner planner, SequenceTemplates templates, RepMailboxes mailboxes) {
    }

    private final SimulationProperties settings;
    private final BusinessHoursCalendar calendar;
    private final Json json;
    private final RepTeams teams;
    private final Duration firstContactWithin;
    private final Sequences sequences;

    Replay(SimulationProperties settings, BusinessHoursCalendar calendar, Json json, RepTeams teams, Duration firstContactWithin,
           Sequences sequences) {
        this.settings = settings;
        this.calendar = calendar;
        this.json = json;
        this.teams = teams;
        this.firstContactWithin = firstContactWithin;
        this.sequences = sequences;
    }

    /** Replays the leads (by arrival) through the models; follows them until {@code until}. */
    List<LeadOutcome> run(ModelSet models, List<ReplayLead> leads, Instant until, Progress progress) {
        Map<String, String> elementNames = elementNames(models);
        Map<String, String> forms = forms(models);
        try (SandboxEngine sandbox = SandboxEngine.start(leads.getFirst().arrivedAt())) {
            Side side = new Side(sandbox, sandbox.deploy(models.files()), elementNames, forms, teams.rotation());
            int started = 0;
            while (true) {
                if (progress.cancelled()) {
                    throw new CancellationException("cancelled");
                }
                Instant now = sandbox.now();
                int arrived = started;
                while (started < leads.size() && !leads.get(started).arrivedAt().isAfter(now)) {
                    started++;
                }
                side.start(leads.subList(arrived, started));
                side.answerDueTasks(now);
                side.publishDueSigns(now);
                side.drain();
                progress.leadsStarted(started);
                Instant wake = Stream.of(started < leads.size() ? Optional.of(leads.get(started).arrivedAt()) : Optional.<Instant>empty(),
                                side.nextAnswer(), side.nextSign(), sandbox.nextTimerDue())
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

    /** The form of each user task, by process and element id. */
    private static Map<String, String> forms(ModelSet models) {
        Map<String, String> forms = new HashMap<>();
        models.files().forEach((file, bytes) -> {
            if (file.endsWith(".bpmn")) {
                for (UserTask task : Bpmn.readModelFromStream(new ByteArrayInputStream(bytes)).getModelElementsByType(UserTask.class)) {
                    ZeebeFormDefinition form = task.getSingleExtensionElement(ZeebeFormDefinition.class);
                    if (form != null && form.getFormId() != null) {
                        forms.put(processOf(task) + "/" + task.getId(), form.getFormId());
                    }
                }
            }
        });
        return forms;
    }

    private static String processOf(FlowElement element) {
        ModelElementInstance parent = element.getParentElement();
        while (!(parent instanceof Process)) {
            parent = parent.getParentElement();
        }
        return ((Process) parent).getId();
    }

    /** A rep task the replay completes at {@code at}. */
    private record Answer(Instant at, UUID leadId, String elementId, long jobKey, Map<String, Object> values, int task,
                          boolean touch) {
    }

    /** A sign of the lead's the replay publishes at {@code at}; {@code order} keeps a lead's signs in history's order. */
    private record Sign(Instant at, UUID leadId, int order, String type, Map<String, Object> details) {
    }

    /** What a lead went through so far in this side. */
    private final class LeadState {
        final ReplayLead lead;
        String stage;
        Integer score;
        String team;
        String owner;
        Instant assignedAt;
        final List<LeadOutcome.Task> tasks = new ArrayList<>();
        final List<String> breaches = new ArrayList<>();
        final Map<String, Integer> emails = new TreeMap<>();
        final List<String> incidents = new ArrayList<>();
        LeadStage reached;
        final List<LeadOutcome.Touch> touches = new ArrayList<>();
        Instant firstTouchMade;
        /** Each sequence round's plan, as the attempt-time job reads it again (and moves a late attempt). */
        final Map<Integer, List<PlannedAttempt>> plans = new HashMap<>();
        /** The sequence round whose first contact task is open, if one is. */
        Integer firstContactOpen;
        /** The signs history has, each after a touch of a step (0: the sequence's start), not scheduled yet. */
        final List<LeadSigns.Pending> pendingSigns;

        LeadState(ReplayLead lead) {
            this.lead = lead;
            this.pendingSigns = new ArrayList<>(LeadSigns.of(lead.history(), SIGNS.keySet()));
        }

        void reach(LeadStage stage) {
            if (WAY.contains(stage) && (reached == null || WAY.indexOf(stage) > WAY.indexOf(reached))) {
                reached = stage;
            }
        }

        void touchMade(Instant at) {
            if (firstTouchMade == null) {
                firstTouchMade = at;
            }
        }

        LeadOutcome outcome() {
            Double firstTouch = firstTouchMade == null ? null : calendar.workingTimeBetween(lead.arrivedAt(), firstTouchMade,
                    lead.country(), lead.zone()).toMinutes() / 60.0;
            return new LeadOutcome(lead.id(), lead.name(), lead.arrivedAt(), stage, score, team, owner, assignedAt,
                    List.copyOf(tasks), List.copyOf(breaches), Map.copyOf(emails), firstTouch, List.copyOf(incidents),
                    reached == null ? null : reached.name(), List.copyOf(touches));
        }
    }

    /** The sandbox, its deployment and the leads' states of one side. */
    private final class Side {
        final SandboxEngine sandbox;
        final SandboxEngine.Deployment deployment;
        final Map<String, String> elementNames;
        final Map<String, String> forms;
        final RepTeams.Rotation rotation;
        final RepMailboxes.Slots mailboxSlots = sequences.mailboxes().slots();
        final Map<UUID, LeadState> states = new HashMap<>();
        final Map<Long, LeadState> byInstance = new HashMap<>();
        final PriorityQueue<Answer> answers = new PriorityQueue<>(Comparator.comparing(Answer::at)
                .thenComparing(Answer::leadId).thenComparing(Answer::elementId).thenComparing(Answer::task));
        /** The decisions evaluated for the jobs of the batch being handled, by job key. */
        final Map<Long, SandboxEngine.Decided> decisions = new HashMap<>();
        final PriorityQueue<Sign> signs = new PriorityQueue<>(Comparator.comparing(Sign::at).thenComparing(Sign::leadId)
                .thenComparing(Sign::order));

        Side(SandboxEngine sandbox, SandboxEngine.Deployment deployment, Map<String, String> elementNames,
             Map<String, String> forms, RepTeams.Rotation rotation) {
            this.sandbox = sandbox;
            this.deployment = deployment;
            this.elementNames = elementNames;
            this.forms = forms;
            this.rotation = rotation;
            for (String process : List.of(JourneyProcess.ID, IdentifyProcess.ID)) {
                if (!deployment.processes().containsKey(process)) {
                    throw new SandboxEngine.ModelRejectedException("No model defines the process " + process, null);
                }
            }
        }

        /** The leads' journeys start as live: by the message that keeps one instance per lead, in the leads' order. */
        void start(List<ReplayLead> arrived) {
            List<SandboxEngine.Message> messages = new ArrayList<>();
            for (ReplayLead lead : arrived) {
                states.put(lead.id(), new LeadState(lead));
                messages.add(new SandboxEngine.Message(JourneyProcess.LEAD_ARRIVED, lead.id().toString(), lead.startVariables()));
            }
            sandbox.publishMessages(messages);
        }

        Optional<Instant> nextAnswer() {
            return Optional.ofNullable(answers.peek()).map(Answer::at);
        }

        Optional<Instant> nextSign() {
            return Optional.ofNullable(signs.peek()).map(Sign::at);
        }

        /** Publishes the signs due by now, each by the messages the models wait for it by (one that no model waits for is gone). */
        void publishDueSigns(Instant now) {
            List<SandboxEngine.Message> messages = new ArrayList<>();
            while (!signs.isEmpty() && !signs.peek().at().isAfter(now)) {
                Sign sign = signs.poll();
                for (String message : SIGNS.get(sign.type())) {
                    messages.add(new SandboxEngine.Message(message, sign.leadId().toString(), signVariables(message, sign)));
                }
            }
            sandbox.publishMessages(messages);
        }

        private Map<String, Object> signVariables(String message, Sign sign) {
            Map<String, Object> variables = new HashMap<>();
            if (message.equals(NurtureProcess.LEAD_ENGAGED)) {
                variables.put("engagement", "Replied (" + sign.details().get("replyIntent") + ")");
                return variables;
            }
            variables.put("exitReason", sign.type());
            if (sign.type().equals(Timeline.Type.REPLIED.name())) {
                variables.put("replyIntent", sign.details().get("replyIntent"));
                variables.put("referralEmail", sign.details().get("referral"));
                variables.put("nurtureUntil", sign.details().get("until"));
            }
            return variables;
        }

        /** A touch of the step was made now: the signs history has after that step's touch come as long after it. */
        private void touched(LeadState state, int step, Instant now) {
            var pending = state.pendingSigns.iterator();
            while (pending.hasNext()) {
                LeadSigns.Pending sign = pending.next();
                if (sign.afterStep() == step) {
                    pending.remove();
                    signs.add(new Sign(now.plus(sign.after()), state.lead.id(), sign.order(), sign.type(), sign.details()));
                }
            }
        }

        /** Completes the rep tasks due by now, together. */
        void answerDueTasks(Instant now) {
            List<Answer> due = new ArrayList<>();
            while (!answers.isEmpty() && !answers.peek().at().isAfter(now)) {
                due.add(answers.poll());
            }
            Map<Long, String> rejected = sandbox.answerJobs(due.stream()
                    .map(answer -> SandboxEngine.JobAnswer.completed(answer.jobKey(), answer.values())).toList());
            for (Answer answer : due) {
                if (rejected.containsKey(answer.jobKey())) {
                    // The model closed the task meanwhile (an interrupting timer): it stays not completed.
                    continue;
                }
                LeadState state = states.get(answer.leadId());
                LeadOutcome.Task task = state.tasks.get(answer.task());
                state.tasks.set(answer.task(), new LeadOutcome.Task(task.name(), task.due(), answer.at()));
                if (answer.elementId().equals(SequenceProcess.FIRST_CONTACT_TASK)) {
                    state.firstContactOpen = null;
                }
                if (answer.touch()) {
                    state.touchMade(answer.at());
                }
            }
        }

        /** Completes every job there is until the engine waits on time alone. */
        void drain() {
            while (true) {
                sandbox.awaitIdle();
                List<SandboxEngine.Job> jobs = new ArrayList<>(sandbox.activateJobs());
                if (jobs.isEmpty()) {
                    break;
                }
                // A moment's jobs in the order their leads arrived, then the engine's: which lead takes a team's next rep
                // does not hang on the order the engine took commands sent together in.
                jobs.sort(Comparator.comparing((SandboxEngine.Job job) -> leadOf(job).lead.arrivedAt())
                        .thenComparing(job -> leadOf(job).lead.id())
                        .thenComparingLong(SandboxEngine.Job::key));
                // The batch's decisions, then its answers, each handed over together: the engine takes them in one go
                // instead of one round trip each.
                List<SandboxEngine.Job> deciding = new ArrayList<>();
                List<SandboxEngine.DecisionInput> inputs = new ArrayList<>();
                for (SandboxEngine.Job job : jobs) {
                    decisionOf(job).ifPresent(decision -> {
                        deciding.add(job);
                        inputs.add(new SandboxEngine.DecisionInput(decision, job.variables()));
                    });
                }
                List<SandboxEngine.Decided> decided = sandbox.evaluateDecisions(inputs);
                for (int i = 0; i < deciding.size(); i++) {
                    decisions.put(deciding.get(i).key(), decided.get(i));
                }
                List<SandboxEngine.JobAnswer> handled = new ArrayList<>();
                for (SandboxEngine.Job job : jobs) {
                    handle(job).ifPresent(handled::add);
                }
                decisions.clear();
                // A rejected answer needs nothing more: the model closed the job meanwhile (another job of the batch
                // ended its scope).
                sandbox.answerJobs(handled);
            }
            for (SandboxEngine.Incident incident : sandbox.takeIncidents()) {
                LeadState state = byInstance.get(incident.processInstanceKey());
                if (state != null) {
                    state.incidents.add(incident.processId() + "/" + incident.elementId() + ": " + incident.errorType() + ": "
                            + incident.message());
                }
            }
        }

        /** The decision a job of the batch evaluates in the sandbox, as its live worker does: the fit, a routing table. */
        private Optional<Long> decisionOf(SandboxEngine.Job job) {
            return Optional.ofNullable(switch (job.type()) {
                case IdentifyProcess.DECIDE_FIT -> deployment.decisions().get(IdentifyProcess.FIT_DECISION);
                case RoutingJob.TYPE -> deployment.decisions().get(routingDecision(job));
                default -> null;
            });
        }

        /**
         * The decision evaluated for the job; throws with the engine's reason when it failed, and as the live worker fails
         * when no model defines it.
         */
        private DecisionEvaluation decided(SandboxEngine.Job job, String decisionId) {
            SandboxEngine.Decided decision = decisions.get(job.key());
            if (decision == null) {
                throw new IllegalStateException("no model defines the decision \"" + decisionId + "\"");
            }
            return decision.orThrow();
        }

        /** Handles the job; its answer, if it is answered now. */
        private Optional<SandboxEngine.JobAnswer> handle(SandboxEngine.Job job) {
            LeadState state = leadOf(job);
            try {
                Map<String, Object> result = result(job, state);
                return result == null ? Optional.empty() : Optional.of(SandboxEngine.JobAnswer.completed(job.key(), result));
            } catch (RuntimeException e) {
                // As a live worker's failure: the engine raises an incident on the element, with the reason.
                return Optional.of(SandboxEngine.JobAnswer.failed(job.key(), String.valueOf(e.getMessage())));
            }
        }

        private LeadState leadOf(SandboxEngine.Job job) {
            LeadState state = byInstance.get(job.processInstanceKey());
            if (state == null) {
                // A job of an instance the lead's journey called: its incidents are the lead's too.
                state = states.get(UUID.fromString(String.valueOf(job.variables().get("leadId"))));
                byInstance.put(job.processInstanceKey(), state);
            }
            return state;
        }

        /** What the live worker of the job's type would hand back; null for a rep task, completed later. */
        private Map<String, Object> result(SandboxEngine.Job job, LeadState state) {
            Map<String, Object> variables = job.variables();
            Instant now = sandbox.now();
            ReplayLead lead = state.lead;
            String mail = MAILS.get(job.type());
            if (mail != null) {
                state.emails.merge(job.elementId() + " (" + mail + ")", 1, Integer::sum);
            }
            return switch (job.type()) {
                case IdentifyProcess.ENRICH_LEAD -> Map.of("facts", lead.fitFacts());
                case IdentifyProcess.DECIDE_FIT -> decideFit(job, state);
                case RoutingJob.TYPE -> route(job);
                case IdentifyProcess.ASSIGN_REP -> {
                    state.team = (String) variables.get("team");
                    state.owner = rotation.next(state.team);
                    state.assignedAt = now;
                    Map<String, Object> assigned = new HashMap<>();
                    assigned.put("owner", state.owner);
                    assigned.put("taskDue", engineTime(calendar.addWorkingTime(now, firstContactWithin, lead.country(),
                            lead.zone()).toInstant(), lead));
                    yield assigned;
                }
                case IdentifyProcess.DUE_IN_WORKING_TIME -> {
                    int hours = variables.get("workingHours") instanceof Number number ? number.intValue() : 0;
                    yield Map.of("due", engineTime(calendar.addWorkingTime(now, Duration.ofHours(hours), lead.country(),
                                    lead.zone()).toInstant(), lead),
                            "inWorkingTime", calendar.isWorkingTime(now, lead.country(), lead.zone()));
                }
                case IdentifyProcess.ESCALATE_SLA_BREACH -> {
                    String breach = String.valueOf(variables.get("breach"));
                    state.breaches.add(breach);
                    Map<String, Object> escalated = new HashMap<>();
                    escalated.put("manager", state.owner == null ? null : teams.managers().get(state.owner));
                    // As the live worker: only the first attempt's breach is counted, to be escalated again.
                    escalated.put("slaEscalation", "FIRST_ATTEMPT".equals(breach)
                            ? (variables.get("slaEscalation") instanceof Number n ? n.intValue() + 1 : 1) : null);
                    yield escalated;
                }
                case IdentifyProcess.CREATE_CONTACT_LEAD -> Map.of("contactLeadId", derivedId(lead, "contact"));
                case ExploreProcess.CREATE_REFERRAL_LEAD -> Map.of("referralLeadId", derivedId(lead, "referral"));
                case StageMoveJob.TYPE -> {
                    state.reach(LeadStage.valueOf(String.valueOf(variables.get("stage"))));
                    yield Map.of();
                }
                case SequenceProcess.PLAN_SEQUENCE -> plan(variables, state, now);
                case SequenceProcess.ATTEMPT_TIME -> attemptTime(variables, state, now);
                case SequenceProcess.FOLLOW_UP_TIME -> {
                    Instant at = whenItGoes(state, emailKey(lead, "round " + round(variables) + " step " + step(variables)
                            + " follow-up"), now);
                    yield Map.of("at", engineTime(at, lead), "sendNow", !at.isAfter(now));
                }
                case NurtureProcess.NURTURE_TIME -> {
                    Instant at = whenItGoes(state, emailKey(lead, "nurture " + variables.get("nurtureDay")), now);
                    yield Map.of("nurtureAt", engineTime(at, lead), "nurtureNow", !at.isAfter(now));
                }
                case SequenceProcess.RECORD_SEQUENCE_EXIT -> {
                    mailboxSlots.release(emailKey(lead, ""), now);
                    yield Map.of();
                }
                case SequenceProcess.SEND_SEQUENCE_EMAIL -> {
                    int step = step(variables);
                    boolean followUp = Boolean.TRUE.equals(variables.get("followUp"));
                    emailed(state, "step " + step + (followUp ? " follow-up" : ""),
                            sequences.templates().stepEmail(recipient(lead), step));
                    state.touches.add(new LeadOutcome.Touch(round(variables), step, "EMAIL", followUp, now));
                    state.touchMade(now);
                    touched(state, step, now);
                    yield Map.of();
                }
                case SequenceProcess.SEND_CONNECTED_CALL_EMAIL -> {
                    emailed(state, "step " + step(variables) + " after the call",
                            sequences.templates().connectedCallEmail(recipient(lead)));
                    yield Map.of();
                }
                case NurtureProcess.SEND_NURTURE_EMAIL -> {
                    emailed(state, "nurture", sequences.templates().nurtureEmail(recipient(lead)));
                    yield Map.of();
                }
                case SequenceProcess.KEEP_OWNER -> Map.of("firstContactDue", firstContactDue(lead, now));
                case SequenceProcess.REASSIGN_LEAD -> {
                    state.owner = rotation.next(state.team);
                    Map<String, Object> reassigned = new HashMap<>();
                    reassigned.put("owner", state.owner);
                    reassigned.put("firstContactDue", firstContactDue(lead, now));
                    yield reassigned;
                }
                case SequenceProcess.FIRST_CONTACT_OPEN -> Map.of("firstContactOpen", state.firstContactOpen != null
                        && state.firstContactOpen == round(variables));
                case SequenceProcess.WITHDRAW_FIRST_CONTACT -> {
                    // As the live task list: a first contact the model gave up is open no more.
                    state.firstContactOpen = null;
                    yield Map.of();
                }
                case Protocol.USER_TASK_JOB_TYPE -> {
                    repTask(job, state, now);
                    yield null;
                }
                default -> Map.of();
            };
        }

        /** A sequence email, counted by its step and the template (its A/B variant) the live sequence picks for the lead. */
        private void emailed(LeadState state, String step, SequenceTemplates.Chosen chosen) {
            state.emails.merge(step + " (" + chosen.template().fileName() + ")", 1, Integer::sum);
        }

        /** When the lead's email of this key goes, by the live sequence's rule, its slot kept in the replay's memory. */
        private Instant whenItGoes(LeadState state, String key, Instant now) {
            return SendSlots.whenItGoes(now, from -> nextWorkingMoment(state.lead, from),
                    () -> mailboxSlot(state, key, now).map(SendSlots.Slot::at).filter(at -> at.isAfter(now)));
        }

        /** The slot of the lead's email of this key in its rep's mailbox, reserved now (empty: the rep has no mailbox). */
        private Optional<SendSlots.Slot> mailboxSlot(LeadState state, String key, Instant now) {
            return mailboxSlots.reserve(state.owner, key, now, from -> nextWorkingMoment(state.lead, from));
        }

        /** The round's attempts, planned from now by the live planner on the cadence the model's decision gave. */
        @SuppressWarnings("unchecked")
        private Map<String, Object> plan(Map<String, Object> variables, LeadState state, Instant now) {
            List<CadenceStep> cadence = ((List<Object>) variables.get("cadence")).stream()
                    .map(row -> json.convert(row, CadenceStep.class)).toList();
            int round = round(variables);
            List<PlannedAttempt> plan = new ArrayList<>(sequences.planner().plan(now, state.lead.country(), state.lead.zone(), cadence));
            state.plans.put(round, plan);
            touched(state, 0, now);
            return Map.of("attempts", java.util.stream.IntStream.range(0, plan.size()).mapToObj(i -> attempt(plan, i, state.lead)).toList());
        }

        /**
         * The attempt as the round's plan has it now, as the live job reads it: one whose moment passed outside the lead's
         * working time moves to the next working moment; a call or social touch first in its round opens at once.
         */
        private Map<String, Object> attemptTime(Map<String, Object> variables, LeadState state, Instant now) {
            List<PlannedAttempt> plan = state.plans.get(round(variables));
            int step = step(variables);
            int index = java.util.stream.IntStream.range(0, plan.size()).filter(i -> plan.get(i).step() == step).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the plan has no attempt " + step));
            boolean first = index == 0;
            if (!plan.get(index).opensAtOnce(first) && !plan.get(index).at().toInstant().isAfter(now)) {
                sequences.planner().delayOutsideWorkingTime(plan.get(index), now, state.lead.country())
                        .ifPresent(delay -> plan.set(index, delay.attempt()));
            }
            Instant openAt = plan.get(index).opensAt(first, now);
            if (!openAt.isAfter(now) && plan.get(index).channel() == Channel.EMAIL) {
                // An email due now goes when its rep's mailbox has room: one its limit moves, the plan moves with it.
                Optional<SendSlots.Slot> slot = mailboxSlot(state, emailKey(state.lead, "round " + round(variables) + " step " + step),
                        now).filter(later -> later.at().isAfter(now));
                if (slot.isPresent()) {
                    if (slot.get().deferred()) {
                        plan.set(index, sequences.planner().shift(List.of(plan.get(index)),
                                slot.get().at().atZone(state.lead.zone()), state.lead.country()).getFirst());
                    }
                    openAt = slot.get().at();
                }
            }
            return Map.of("attempt", attempt(plan, index, state.lead), "attemptOpenAt", engineTime(openAt, state.lead),
                    "attemptOpen", !openAt.isAfter(now));
        }

        private SequenceProcess.Attempt attempt(List<PlannedAttempt> plan, int index, ReplayLead lead) {
            var window = sequences.planner().window(plan.get(index), index == 0,
                    index + 1 < plan.size() ? plan.get(index + 1) : null, lead.country());
            return new SequenceProcess.Attempt(window.step(), window.channel().name(), engineTime(window.at(), lead),
                    engineTime(window.due(), lead), engineTime(window.sameDayEnd(), lead), engineTime(window.closeAt(), lead),
                    window.opensAtOnce());
        }

        private String firstContactDue(ReplayLead lead, Instant now) {
            return engineTime(calendar.addWorkingTime(now, firstContactWithin, lead.country(), lead.zone()).toInstant(), lead);
        }

        private Instant nextWorkingMoment(ReplayLead lead, Instant now) {
            return calendar.nextWorkingMoment(now, lead.country(), lead.zone()).toInstant();
        }

        private String engineTime(ZonedDateTime at, ReplayLead lead) {
            return engineTime(at.toInstant(), lead);
        }

        /** A moment handed to the engine (a due its timers wait for), in the lead's zone as the live workers give it. */
        private String engineTime(Instant at, ReplayLead lead) {
            return sandbox.toEngine(at).atZone(lead.zone()).toOffsetDateTime().toString();
        }

        private Map<String, Object> decideFit(SandboxEngine.Job job, LeadState state) {
            DecisionEvaluation evaluation = decided(job, IdentifyProcess.FIT_DECISION);
            Map<String, Object> qualification = json.map(evaluation.output());
            state.stage = qualification.get("stage") == null ? null : String.valueOf(qualification.get("stage"));
            state.score = qualification.get("score") instanceof Number number ? number.intValue() : null;
            if (state.stage != null) {
                state.reach(LeadStage.valueOf(state.stage));
            }
            return Map.of("qualification", qualification);
        }

        /** A routing table (the team, the cadence, the case study) evaluated in the sandbox, as the live worker does. */
        private Map<String, Object> route(SandboxEngine.Job job) {
            Map<String, Object> routed = new HashMap<>();
            routed.put(RoutingJob.resultVariable(job.customHeaders()), json.value(decided(job, routingDecision(job)).output()));
            return routed;
        }

        private String routingDecision(SandboxEngine.Job job) {
            return RoutingJob.decision(job.customHeaders(), job.variables().get("decision") instanceof String input ? input : null);
        }

        /**
         * The task is open from now; it is answered as history says, else as drawn. A call or social task of the sequence
         * is a touch put before the rep: the lead's signs after that step's touch follow it.
         */
        private void repTask(SandboxEngine.Job job, LeadState state, Instant now) {
            Map<String, Object> variables = job.variables();
            String name = elementNames.getOrDefault(job.bpmnProcessId() + "/" + job.elementId(), job.elementId());
            String form = forms.get(job.bpmnProcessId() + "/" + job.elementId());
            String dueHeader = job.customHeaders().get(Protocol.USER_TASK_DUE_DATE_HEADER_NAME);
            Instant due = dueHeader == null || dueHeader.isBlank() ? null : sandbox.fromEngine(OffsetDateTime.parse(dueHeader).toInstant());
            state.tasks.add(new LeadOutcome.Task(name, due, null));
            int index = state.tasks.size() - 1;
            boolean touch = job.bpmnProcessId().equals(SequenceProcess.ID) && variables.get("attempt") instanceof Map<?, ?>
                    && (SequenceProcess.CALL_FORM.equals(form) || "social-touch".equals(form));
            if (touch) {
                // The call or social touch is made at the attempt's moment: a first one's task opens before it, at once.
                Map<?, ?> attempt = (Map<?, ?>) variables.get("attempt");
                int step = step(variables);
                state.touches.add(new LeadOutcome.Touch(round(variables), step, String.valueOf(attempt.get("channel")), false,
                        sandbox.fromEngine(OffsetDateTime.parse(String.valueOf(attempt.get("at"))).toInstant())));
                touched(state, step, now);
            }
            if (job.elementId().equals(SequenceProcess.FIRST_CONTACT_TASK)) {
                state.firstContactOpen = round(variables);
            }
            answer(state.lead, name, job.elementId(), form).ifPresent(answer -> answers.add(new Answer(now.plus(answer.after()),
                    state.lead.id(), job.elementId(), job.key(), answer.values(), index, touch)));
        }

        private record Answered(Duration after, Map<String, Object> values) {
        }

        /**
         * How the rep answered the task of this name in history: after the time it took, with the values they gave; a task
         * history has and never completed is never answered; one history lacks is drawn.
         */
        private Optional<Answered> answer(ReplayLead lead, String name, String elementId, String form) {
            Instant created = null;
            for (Timeline.Entry entry : lead.history()) {
                boolean thisTask = name.equals(entry.details().get("task"));
                if (thisTask && entry.type().equals(Timeline.Type.TASK_CREATED.name()) && created == null) {
                    created = entry.at();
                } else if (thisTask && created != null && entry.type().equals(Timeline.Type.TASK_COMPLETED.name())) {
                    Map<String, Object> values = new LinkedHashMap<>(entry.details());
                    values.remove("task");
                    values.remove("element");
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
                    ? Optional.of(new Answered(settings.taskCompletionAfter(), NOTHING_CAME_OF_IT.getOrDefault(form, Map.of())))
                    : Optional.empty();
        }
    }

    private static int round(Map<String, Object> variables) {
        return variables.get("round") instanceof Number number ? number.intValue() : 1;
    }

    private static int step(Map<String, Object> variables) {
        return ((Number) ((Map<?, ?>) variables.get("attempt")).get("step")).intValue();
    }

    /** Whom the lead's emails go to, as the live sequence picks their templates. */
    private static SequenceTemplates.Recipient recipient(ReplayLead lead) {
        return SequenceTemplates.Recipient.of(lead.id(), lead.fitFacts(), text(lead.startVariables().get("language")));
    }

    /** The key of one of the lead's emails in its mailbox's slots; all the lead's start alike, so its sequence's end frees them. */
    private static String emailKey(ReplayLead lead, String email) {
        return lead.id() + ":" + email;
    }

    private static String derivedId(ReplayLead lead, String what) {
        return UUID.nameUUIDFromBytes((lead.id() + "/" + what).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String text(Object value) {
        return value == null ? null : Objects.toString(value);
    }
}

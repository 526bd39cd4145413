package io.leadflow.tasklist;

import org.springframework.context.event.EventListener;
import io.leadflow.assignment.OwnerChanged;
import io.leadflow.assignment.FirstContactRenewed;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.engine.ProcessModels;
import io.leadflow.lead.Timeline;
import io.leadflow.tasklist.internal.CompletionDelivery;
import io.leadflow.tasklist.internal.ModelTasks;
import io.leadflow.tasklist.internal.RepTaskRepository;
import io.leadflow.tasklist.internal.RepTaskRepository.PendingCompletion;
import org.springframework.context.ApplicationEventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reps' tasks in the embedded default: the engine hands each user task out as a job, leadflow keeps
 * it until the rep completes it in the task list, records the completion and then completes the job with the form's
 * values ({@link io.leadflow.tasklist.internal.CompletionDelivery}, until the engine answers).
 */
@Service
public class RepTaskService implements SchedulingConfigurer {

    /** A user task as the engine handed it out. */
    public record IncomingTask(long jobKey, String processId, String elementId, UUID leadId, String assignee,
                               String candidateGroups, String dueDate, Integer attemptStep, Map<String, Object> context) {
    }

    /** One page of open tasks: its number (from 1), the page size and how many open tasks there are in all. */
    public record OpenTasks(List<RepTask> tasks, int number, int size, long total) {

        public boolean hasPrevious() {
            return number > 1;
        }

        public boolean hasNext() {
            return (long) number * size < total;
        }
    }

    /** Published when a task ends, so the feature that asked for it can record the outcome. */
    public record RepTaskClosed(UUID leadId, Integer attemptStep, String elementId, RepTask.Status status,
                                Map<String, Object> result) {
    }

    private static final Logger log = LoggerFactory.getLogger(RepTaskService.class);

    private final RepTaskRepository tasks;
    private final ProcessModels models;
    private final ProcessEngine engine;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final TasklistProperties settings;
    private final CompletionDelivery delivery;
    private final ModelTasks modelTasks;

    RepTaskService(RepTaskRepository tasks, ProcessModels models, ProcessEngine engine, Timeline timeline,
                   ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock, TasklistProperties settings,
                   CompletionDelivery delivery, ModelTasks modelTasks) {
        this.delivery = delivery;
        this.modelTasks = modelTasks;
        this.events = events;
        this.transaction = transaction;
        this.tasks = tasks;
        this.models = models;
        this.engine = engine;
        this.timeline = timeline;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar scheduled) {
        scheduled.addFixedDelayTask(this::closeWithdrawnTasks, settings.reconcileInterval());
    }

    public void receive(IncomingTask incoming) {
        var definition = models.userTask(incoming.processId(), incoming.elementId());
        String name = definition.map(ProcessModels.UserTaskDefinition::name).orElse(incoming.elementId());
        Instant due = incoming.dueDate() == null || incoming.dueDate().isBlank()
                ? null : OffsetDateTime.parse(incoming.dueDate()).toInstant();
        RepTask task = new RepTask(incoming.jobKey(), incoming.leadId(), incoming.elementId(), name,
                blankToNull(incoming.assignee()), blankToNull(incoming.candidateGroups()),
                definition.map(ProcessModels.UserTaskDefinition::formId).orElse(null), due, RepTask.Status.OPEN,
                clock.instant(), null, null, Map.of(), incoming.attemptStep(), incoming.context(), null);
        if (tasks.insertIfNew(task)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("task", name);
            details.put("element", task.elementId());
            details.put("assignee", task.assignee() == null ? "" : task.assignee());
            if (due != null) {
                details.put("due", incoming.dueDate());
            }
            timeline.record(task.leadId(), Timeline.Type.TASK_CREATED, details);
        }
    }

    /**
     * The open tasks go with the lead to its new owner (a manager reassigned it). In the reassigning transaction: two
     * reassignments in a row (a to b, then b to c) must move the tasks in that order, which listeners after the commit,
     * each on a thread of its own, do not promise.
     */
    @EventListener
    public void ownerChanged(OwnerChanged changed) {
        int moved = tasks.moveOpen(changed.leadId(), changed.from(), changed.to());
        if (moved > 0) {
            timeline.record(changed.leadId(), Timeline.Type.TASKS_MOVED, Map.of("from", changed.from(), "to", changed.to(), "tasks", moved));
        }
    }

    /** A manager kept a late lead with its rep: the open first contact gets its new due, in the same transaction. */
    @EventListener
    public void firstContactRenewed(FirstContactRenewed renewed) {
        tasks.renewDue(renewed.leadId(), modelTasks.firstContact(), renewed.due());
    }

    /** A page (numbered from 1) of the open tasks of these assignees, soonest due first, and how many they have in all. */
    public OpenTasks openTasksOf(Collection<String> assignees, int page) {
        if (assignees.isEmpty()) {
            return new OpenTasks(List.of(), 1, settings.pageSize(), 0);
        }
        long total = tasks.countOpenFor(assignees);
        int last = (int) Math.max(1, (total + settings.pageSize() - 1) / settings.pageSize());
        int number = Math.min(Math.max(1, page), last);
        return new OpenTasks(tasks.openFor(assignees, settings.pageSize(), (long) (number - 1) * settings.pageSize()),
                number, settings.pageSize(), total);
    }

    public List<RepTask> openTasksOfLead(UUID leadId) {
        return tasks.openOfLead(leadId);
    }

    public RepTask get(long jobKey) {
        return tasks.find(jobKey).orElseThrow(() -> new TaskNotFoundException(jobKey));
    }

    /**
     * Completes the rep's task with the form's values. Only its assignee (or a manager) may. The completion is recorded
     * first, then delivered to the engine (and again later until the engine answers, should this try get no answer or
     * leadflow stop): the returned task says how far it got. A task the engine had withdrawn before (its window
     * passed, the sequence ended) stays completed with its outcome, its delivery {@link RepTask.Delivery#PROCESS_MOVED_ON}.
     */
    public RepTask complete(long jobKey, String user, boolean manager, Map<String, Object> values) {
        PendingCompletion recorded = recordCompletion(jobKey, user, manager, values);
        try {
            delivery.deliver(recorded);
        } catch (RuntimeException e) {
            // Recorded all the same: the redelivery takes it from the database.
            log.warn("Could not deliver the completion of task {} now; it is delivered later: {}", jobKey, e.getMessage());
        }
        return get(jobKey);
    }

    /**
     * The durable half of {@link #complete}: in one transaction the task becomes COMPLETED with its outcome and a
     * pending delivery, the timeline gets TASK_COMPLETED and {@link RepTaskClosed} is heard, so what follows in the
     * process finds the outcome recorded before the engine moves on.
     */
    PendingCompletion recordCompletion(long jobKey, String user, boolean manager, Map<String, Object> values) {
        RepTask task = get(jobKey);
        if (task.status() != RepTask.Status.OPEN) {
            throw new TaskNotOpenException(jobKey, task.status());
        }
        if (!manager && task.assignee() != null && !task.assignee().equals(user)) {
            throw new TaskNotYoursException(jobKey);
        }
        boolean recorded = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!tasks.recordCompletion(jobKey, user, values, clock.instant(), delivery.retryAfterRecording())) {
                return false;
            }
            closed(task, RepTask.Status.COMPLETED, user, values);
            return true;
        }));
        if (!recorded) {
            throw new TaskNotOpenException(jobKey, get(jobKey).status());
        }
        return new PendingCompletion(jobKey, values, 0);
    }

    /**
     * Closes the overdue tasks the engine has withdrawn: in the models, a boundary timer at or after
     * its due date withdraws a rep's task. Asking the engine through the client works the same with
     * the embedded engine and with a cluster.
     */
    public void closeWithdrawnTasks() {
        for (RepTask task : tasks.openOverdue(clock.instant())) {
            try {
                if (!engine.jobExists(task.jobKey())) {
                    cancel(task);
                }
            } catch (RuntimeException e) {
                log.warn("Could not check task {} with the engine: {}", task.jobKey(), e.getMessage());
                return;
            }
        }
    }

    /**
     * The process withdrew a task between handing it out and its hold (a manager's decision the rep made moot at the
     * same moment): it closes now, not at its due.
     */
    public void withdrawnAsItOpened(long jobKey) {
        transaction.executeWithoutResult(status -> tasks.find(jobKey).filter(task -> task.status() == RepTask.Status.OPEN)
                .ifPresent(task -> cancel(task, "the process withdrew it as it opened")));
    }

    /** The process interrupted the scope of the lead's tasks (its sequence ended): they are withdrawn. */
    public void withdrawOpenTasksOf(UUID leadId) {
        tasks.openOfLead(leadId).forEach(this::cancel);
    }

    /** The process withdrew the lead's open task of this model element: it closes, the timeline saying {@code reason}. */
    public void withdraw(UUID leadId, String elementId, String reason) {
        openOfElement(leadId, elementId).forEach(task -> cancel(task, reason));
    }

    /** Whether the lead's task of this model element waits for its assignee, here and in the engine. */
    public boolean isOpen(UUID leadId, String elementId) {
        return openOfElement(leadId, elementId).stream().anyMatch(task -> engine.jobExists(task.jobKey()));
    }

    private List<RepTask> openOfElement(UUID leadId, String elementId) {
        return tasks.openOfLead(leadId).stream().filter(task -> task.elementId().equals(elementId)).toList();
    }

    private void cancel(RepTask task) {
        cancel(task, null);
    }

    /** Cancels an open task; one whose completion is recorded is not open, so it is never cancelled. */
    private void cancel(RepTask task, String reason) {
        if (tasks.cancel(task.jobKey(), clock.instant())) {
            closed(task, RepTask.Status.CANCELLED, null, reason == null ? Map.of() : Map.of("reason", reason));
        }
    }

    private void closed(RepTask task, RepTask.Status status, String by, Map<String, Object> values) {
        Map<String, Object> details = new LinkedHashMap<>(values);
        details.put("task", task.name());
        details.put("element", task.elementId());
        if (by != null) {
            details.put("by", by);
        }
        timeline.record(task.leadId(), status == RepTask.Status.COMPLETED ? Timeline.Type.TASK_COMPLETED : Timeline.Type.TASK_CANCELLED, details);
        events.publishEvent(new RepTaskClosed(task.leadId(), task.attemptStep(), task.elementId(), status, values));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

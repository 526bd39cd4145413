package io.leadflow.tasklist.internal;

import io.leadflow.assignment.RepDirectory;
import io.leadflow.engine.ProcessModels;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadNotFoundException;
import io.leadflow.lead.Leads;
import io.leadflow.scoring.Rejections;
import io.leadflow.platform.PageController;
import io.leadflow.platform.PageMessage;
import io.leadflow.platform.PageModel;
import io.leadflow.platform.PlatformProperties;
import io.leadflow.security.Roles;
import io.leadflow.tasklist.RepTask;
import io.leadflow.tasklist.RepTaskService;
import io.leadflow.tasklist.TaskNotFoundException;
import io.leadflow.tasklist.TaskNotOpenException;
import io.leadflow.tasklist.TaskNotYoursException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The reps' task list, served by leadflow itself (the embedded engine has no Camunda Tasklist): a rep
 * sees their open tasks, opens one with the lead's context and completes it with the task's form. A
 * manager sees everyone's. Errors are shown as pages here, not as the API's problem documents.
 */
@PageController
@RequestMapping("/tasks")
public class TaskListController {

    /** In the page's language ({@link #due()}). */
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx", Locale.ROOT);
    /** The variable a form's select names ({@code valuesKey}) for the reasons a rep may reject a lead for. */
    private static final String REJECTION_REASONS = "rejectionReasons";

    /** A row of the list. */
    public record TaskRow(String jobKey, String name, String leadName, String company, String assignee, Due due) {
    }

    /** A due date in the lead's time zone; place names the zone as people do (Bogota), zone is its id. */
    public record Due(String text, String place, String offset, String zone, String iso, boolean overdue) {
    }

    /**
     * inSequence: the task is an attempt of the lead's connect sequence, which the rep may stop or pause from here;
     * firstPauseEnd is the earliest day a pause may last until (tomorrow in the lead's zone); call: the task is a call
     * to the lead, which shows its phone number first.
     */
    public record TaskView(String jobKey, String name, String assignee, Due due, boolean open, String status,
                           boolean hasForm, String leadId, boolean inSequence, String firstPauseEnd, boolean call) {
    }

    private final RepDirectory reps;
    private final RepTaskService tasks;
    private final Leads leads;
    private final ProcessModels models;
    private final CamundaFormRenderer forms;
    private final Rejections rejections;
    private final Clock clock;
    private final LeadContexts contexts;
    private final TaskNames taskNames;
    private final ModelTasks modelTasks;

    TaskListController(RepTaskService tasks, Leads leads, ProcessModels models, CamundaFormRenderer forms,
                       RepDirectory reps, Rejections rejections, Clock clock, LeadContexts contexts, TaskNames taskNames,
                       ModelTasks modelTasks) {
        this.taskNames = taskNames;
        this.modelTasks = modelTasks;
        this.contexts = contexts;
        this.rejections = rejections;
        this.tasks = tasks;
        this.reps = reps;
        this.leads = leads;
        this.models = models;
        this.forms = forms;
        this.clock = clock;
    }

    /** A page of the list: its rows, soonest due first, and where the pages around it are. */
    public record TaskPage(List<TaskRow> rows, int number, long total, boolean hasPrevious, boolean hasNext) {
    }

    /**
     * A rep's open tasks; a manager's own (SLA breaches to decide, paged on their own: {@code decisionsPage}) and then the
     * open tasks of the reps in the teams they manage. Soonest due first, overdue ones marked, a page at a time.
     */
    @GetMapping
    String list(@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "1") int decisionsPage, Authentication auth,
                Model model) {
        boolean manager = Roles.isManager(auth);
        Instant now = clock.instant();
        TaskPage mine = page(tasks.openTasksOf(Set.of(auth.getName()), manager ? decisionsPage : page), now);
        if (manager) {
            model.addAttribute("decisions", mine);
            model.addAttribute("tasks", page(tasks.openTasksOf(reps.repsManagedBy(auth.getName()), page), now));
        } else {
            model.addAttribute("tasks", mine);
        }
        model.addAttribute("manager", manager);
        return "tasks/list";
    }

    private TaskPage page(RepTaskService.OpenTasks open, Instant now) {
        Map<UUID, Lead> leadsById = leads.findAll(open.tasks().stream().map(RepTask::leadId).collect(Collectors.toSet()));
        List<TaskRow> rows = open.tasks().stream()
                .map(task -> {
                    Optional<Lead> lead = Optional.ofNullable(leadsById.get(task.leadId()));
                    return new TaskRow(Long.toString(task.jobKey()), taskNames.of(task),
                            lead.map(Lead::fullName).orElse(""), lead.map(l -> l.facts().company()).orElse(""),
                            task.assignee() == null ? task.candidateGroups() : task.assignee(),
                            due(task.due(), lead.map(Lead::zone).orElse(ZoneOffset.UTC), now));
                })
                .toList();
        return new TaskPage(rows, open.number(), open.total(), open.hasPrevious(), open.hasNext());
    }

    /**
     * The page internal mails link to ({@link PlatformProperties#leadTaskUrl}): the reader's open task of the lead, the
     * soonest due; a manager without one of their own gets the lead's first open task. None yet (the mail left before
     * the engine handed the task out) or none any more says so.
     */
    @GetMapping("/lead/{leadId}")
    ModelAndView taskOfLead(@PathVariable UUID leadId, Authentication auth, HttpServletRequest request) {
        List<RepTask> open = tasks.openTasksOfLead(leadId);
        Comparator<RepTask> soonest = Comparator.comparing(RepTask::due, Comparator.nullsLast(Comparator.<Instant>naturalOrder()));
        return open.stream().filter(task -> auth.getName().equals(task.assignee())).min(soonest)
                .or(() -> open.stream().filter(task -> Roles.isManager(auth) || task.assignee() == null).min(soonest))
                .map(task -> new ModelAndView("redirect:/tasks/" + task.jobKey()))
                .orElseGet(() -> message(request, auth, HttpStatus.NOT_FOUND, "task.noOpenTask"));
    }

    @GetMapping("/{jobKey}")
    String show(@PathVariable long jobKey, Authentication auth, Model model) {
        RepTask task = tasks.get(jobKey);
        mayWorkOn(task, auth);
        Lead lead = leads.get(task.leadId());
        List<FormField> fields = fields(task, lead);
        taskPage(model, task, lead, fields, List.of(), Map.of());
        return "tasks/task";
    }

    @PostMapping("/{jobKey}")
    ModelAndView complete(@PathVariable long jobKey, @RequestParam MultiValueMap<String, String> params,
                          Authentication auth, Model model, RedirectAttributes redirect) {
        RepTask task = tasks.get(jobKey);
        mayWorkOn(task, auth);
        if (task.status() != RepTask.Status.OPEN) {
            throw new TaskNotOpenException(jobKey, task.status());
        }
        Lead lead = leads.get(task.leadId());
        List<FormField> fields = fields(task, lead);
        FormSubmission submission = FormSubmission.read(LocalDate.now(clock.withZone(lead.zone())), fields, params);
        if (!submission.valid()) {
            taskPage(model, task, lead, fields, submission.errors(), params);
            ModelAndView page = new ModelAndView("tasks/task", model.asMap());
            page.setStatus(HttpStatus.UNPROCESSABLE_ENTITY);
            return page;
        }
        RepTask completed = tasks.complete(jobKey, auth.getName(), Roles.isManager(auth), submission.values());
        redirect.addFlashAttribute("flash", PageMessage.of(
                completed.delivery() == RepTask.Delivery.PROCESS_MOVED_ON ? "task.flash.movedOn" : "task.flash.done",
                taskNames.of(task), lead.fullName()));
        return new ModelAndView("redirect:/tasks");
    }

    /**
     * The fields the task's form hides for the answers given so far (the form's rules, evaluated as on submit), for the
     * page to show and hide them while the rep answers.
     */
    @Hidden // the task page's helper, not an API
    @PostMapping(value = "/{jobKey}/hidden", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Set<String> hidden(@PathVariable long jobKey, @RequestParam MultiValueMap<String, String> params, Authentication auth) {
        RepTask task = tasks.get(jobKey);
        mayWorkOn(task, auth);
        return FormSubmission.hidden(fields(task, leads.get(task.leadId())), params);
    }

    @ExceptionHandler(TaskNotYoursException.class)
    ModelAndView notYours(HttpServletRequest request, Authentication auth) {
        return message(request, auth, HttpStatus.FORBIDDEN, "task.notYours");
    }

    @ExceptionHandler(TaskNotOpenException.class)
    ModelAndView notOpen(HttpServletRequest request, Authentication auth) {
        return message(request, auth, HttpStatus.CONFLICT, "task.closed");
    }

    @ExceptionHandler({TaskNotFoundException.class, LeadNotFoundException.class, MethodArgumentTypeMismatchException.class})
    ModelAndView notFound(HttpServletRequest request, Authentication auth) {
        return message(request, auth, HttpStatus.NOT_FOUND, "task.notFound");
    }

    /** A page that says what went wrong: the messages {@code <code>.title} and {@code <code>.text}. */
    private ModelAndView message(HttpServletRequest request, Authentication auth, HttpStatus status, String code) {
        ModelAndView page = PageModel.of("tasks/message", request, auth);
        page.setStatus(status);
        page.addObject("title", code + ".title");
        page.addObject("message", code + ".text");
        return page;
    }

    private void taskPage(Model model, RepTask task, Lead lead, List<FormField> fields, List<MessageSourceResolvable> errors,
                          Map<String, List<String>> submitted) {
        boolean open = task.status() == RepTask.Status.OPEN;
        model.addAttribute("task", new TaskView(Long.toString(task.jobKey()), taskNames.of(task),
                task.assignee() == null ? task.candidateGroups() : task.assignee(),
                due(task.due(), lead.zone(), clock.instant()), open, task.status().name().toLowerCase(Locale.ROOT),
                task.formId() != null, task.leadId().toString(), task.attemptStep() != null,
                LocalDate.now(clock.withZone(lead.zone())).plusDays(1).toString(),
                modelTasks.isCall(task.formId())));
        model.addAttribute("lead", contexts.of(lead, LeadContexts.LATEST_ENTRIES));
        model.addAttribute("fields", fields);
        model.addAttribute("errors", errors);
        // A field starts with the task's value of its key, if it has one (who a reply said to talk to), as in Camunda's forms.
        Map<String, List<String>> values = new LinkedHashMap<>();
        fields.stream().filter(FormField::isInput).forEach(field -> values.put(field.key(), submitted.getOrDefault(field.key(),
                task.context().get(field.key()) == null ? List.of() : List.of(task.context().get(field.key()).toString()))));
        model.addAttribute("submitted", values);
        model.addAttribute("hidden", List.copyOf(FormSubmission.hidden(fields, values)));
        model.addAttribute("conditional", fields.stream().anyMatch(field -> field.hide() != null));
    }

    private List<FormField> fields(RepTask task, Lead lead) {
        if (task.formId() == null) {
            return List.of();
        }
        Map<String, Object> shown = new HashMap<>(lead.enrichment());
        shown.putAll(task.context());
        // The options of the call form's rejection reasons: the list sales ops keep, not the form's.
        shown.put(REJECTION_REASONS, rejections.reasons().stream()
                .map(reason -> Map.of("value", reason.code(), "label", reason.label())).toList());
        return models.form(task.formId())
                .map(form -> forms.render(form, shown, models.formTexts(task.formId(), LocaleContextHolder.getLocale())))
                .orElse(List.of());
    }

    static Due due(Instant due, ZoneId zone, Instant now) {
        if (due == null) {
            return null;
        }
        ZonedDateTime local = due.atZone(zone);
        return new Due(due().format(local), TimelineSentences.place(zone), "UTC" + OFFSET.format(local), zone.getId(),
                local.toOffsetDateTime().toString(), due.isBefore(now));
    }

    private void mayWorkOn(RepTask task, Authentication auth) {
        if (!Roles.isManager(auth) && task.assignee() != null && !task.assignee().equals(auth.getName())) {
            throw new TaskNotYoursException(task.jobKey());
        }
    }

    /** How the pages write a moment, in the page's language. */
    static DateTimeFormatter due() {
        return DUE.withLocale(LocaleContextHolder.getLocale());
    }


}

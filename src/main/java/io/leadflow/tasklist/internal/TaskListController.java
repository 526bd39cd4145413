package io.leadflow.tasklist.internal;

import io.leadflow.assignment.RepDirectory;
import io.leadflow.engine.ProcessModels;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadNotFoundException;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.security.Roles;
import io.leadflow.tasklist.RepTask;
import io.leadflow.tasklist.RepTaskService;
import io.leadflow.tasklist.TaskNotFoundException;
import io.leadflow.tasklist.TaskNotOpenException;
import io.leadflow.tasklist.TaskNotYoursException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
import java.util.ArrayList;
import java.util.Collection;
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
@Controller
@RequestMapping("/tasks")
public class TaskListController {

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx", Locale.ENGLISH);
    private static final int TIMELINE_ENTRIES = 8;
    private static final List<String> HIGHLIGHTS = List.of("persona", "role", "industry", "employees", "region",
            "tenureMonths", "technologies", "linkedinUrl");

    /** A row of the list. */
    public record TaskRow(String jobKey, String name, String leadName, String company, String assignee, Due due) {
    }

    /** A due date in the lead's time zone. */
    public record Due(String text, String offset, String zone, String iso, boolean overdue) {
    }

    /**
     * inSequence: the task is an attempt of the lead's connect sequence, which the rep may stop or pause from here;
     * firstPauseEnd is the earliest day a pause may last until (tomorrow in the lead's zone).
     */
    public record TaskView(String jobKey, String name, String assignee, Due due, boolean open, String status,
                           boolean hasForm, String leadId, boolean inSequence, String firstPauseEnd) {
    }

    public record LeadContext(String name, String jobTitle, String company, String email, String country,
                              String timeZone, String stage, String fitScore, List<String> fitReasons,
                              List<Fact> highlights, List<Event> timeline) {
    }

    /** One enrichment fact; href only for a web link. */
    public record Fact(String label, String value, String href) {
    }

    public record Event(String type, String at, String details) {
    }

    private final RepDirectory reps;
    private final RepTaskService tasks;
    private final Leads leads;
    private final Timeline timeline;
    private final ProcessModels models;
    private final CamundaFormRenderer forms;
    private final Clock clock;

    TaskListController(RepTaskService tasks, Leads leads, Timeline timeline, ProcessModels models,
                       CamundaFormRenderer forms, RepDirectory reps, Clock clock) {
        this.tasks = tasks;
        this.reps = reps;
        this.leads = leads;
        this.timeline = timeline;
        this.models = models;
        this.forms = forms;
        this.clock = clock;
    }

    /** The (masked) CSRF token for the forms and the sign-out button; read now, while the response is open. */
    @ModelAttribute("_csrf")
    CsrfToken csrf(HttpServletRequest request) {
        return csrfOf(request);
    }

    @ModelAttribute("user")
    String user(Authentication auth) {
        return auth == null ? null : auth.getName();
    }

    /**
     * A rep's open tasks; a manager's own (SLA breaches to decide) and then the open tasks of the reps in the teams
     * they manage. Soonest due first, overdue ones marked.
     */
    @GetMapping
    String list(Authentication auth, Model model) {
        boolean manager = Roles.isManager(auth);
        Map<UUID, Optional<Lead>> leadsById = new LinkedHashMap<>();
        Instant now = clock.instant();
        List<TaskRow> mine = rows(tasks.openTasksOf(auth.getName()), leadsById, now);
        if (manager) {
            Set<String> team = reps.repsManagedBy(auth.getName());
            model.addAttribute("decisions", mine);
            model.addAttribute("tasks", rows(tasks.allOpenTasks().stream()
                    .filter(task -> task.assignee() != null && team.contains(task.assignee())).toList(), leadsById, now));
        } else {
            model.addAttribute("tasks", mine);
        }
        model.addAttribute("manager", manager);
        return "tasks/list";
    }

    private List<TaskRow> rows(List<RepTask> open, Map<UUID, Optional<Lead>> leadsById, Instant now) {
        return open.stream()
                .sorted(Comparator.comparing(RepTask::due, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
                        .thenComparing(RepTask::createdAt))
                .map(task -> {
                    Optional<Lead> lead = leadsById.computeIfAbsent(task.leadId(), leads::find);
                    return new TaskRow(Long.toString(task.jobKey()), task.name(),
                            lead.map(Lead::fullName).orElse(""), lead.map(l -> l.facts().company()).orElse(""),
                            task.assignee() == null ? task.candidateGroups() : task.assignee(),
                            due(task.due(), lead.map(Lead::zone).orElse(ZoneOffset.UTC), now));
                })
                .toList();
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
        FormSubmission submission = FormSubmission.read(fields, params);
        if (!submission.valid()) {
            taskPage(model, task, lead, fields, submission.errors(), params);
            ModelAndView page = new ModelAndView("tasks/task", model.asMap());
            page.setStatus(HttpStatus.UNPROCESSABLE_ENTITY);
            return page;
        }
        tasks.complete(jobKey, auth.getName(), Roles.isManager(auth), submission.values());
        redirect.addFlashAttribute("flash", "Done: " + task.name() + " for " + lead.fullName() + ".");
        return new ModelAndView("redirect:/tasks");
    }

    @ExceptionHandler(TaskNotYoursException.class)
    ModelAndView notYours(HttpServletRequest request, Authentication auth) {
        return message(request, auth, HttpStatus.FORBIDDEN, "Not your task",
                "This task is assigned to someone else.");
    }

    @ExceptionHandler(TaskNotOpenException.class)
    ModelAndView notOpen(HttpServletRequest request, Authentication auth) {
        return message(request, auth, HttpStatus.CONFLICT, "Task closed", "This task is no longer open.");
    }

    @ExceptionHandler({TaskNotFoundException.class, LeadNotFoundException.class, MethodArgumentTypeMismatchException.class})
    ModelAndView notFound(HttpServletRequest request, Authentication auth) {
        return message(request, auth, HttpStatus.NOT_FOUND, "Task not found", "There is no such task.");
    }

    private ModelAndView message(HttpServletRequest request, Authentication auth, HttpStatus status, String title,
                                 String text) {
        ModelAndView page = new ModelAndView("tasks/message");
        page.setStatus(status);
        page.addObject("title", title);
        page.addObject("message", text);
        page.addObject("user", user(auth));
        CsrfToken csrf = csrfOf(request);
        if (csrf != null) {
            page.addObject("_csrf", csrf);
        }
        return page;
    }

    private void taskPage(Model model, RepTask task, Lead lead, List<FormField> fields, List<String> errors,
                          Map<String, List<String>> submitted) {
        boolean open = task.status() == RepTask.Status.OPEN;
        model.addAttribute("task", new TaskView(Long.toString(task.jobKey()), task.name(),
                task.assignee() == null ? task.candidateGroups() : task.assignee(),
                due(task.due(), lead.zone(), clock.instant()), open, task.status().name().toLowerCase(Locale.ROOT),
                task.formId() != null, task.leadId().toString(), task.attemptStep() != null,
                LocalDate.now(clock.withZone(lead.zone())).plusDays(1).toString()));
        model.addAttribute("lead", context(lead));
        model.addAttribute("fields", fields);
        model.addAttribute("errors", errors);
        Map<String, List<String>> values = new LinkedHashMap<>();
        fields.stream().filter(FormField::isInput).forEach(field ->
                values.put(field.key(), submitted.getOrDefault(field.key(), List.of())));
        model.addAttribute("submitted", values);
    }

    private List<FormField> fields(RepTask task, Lead lead) {
        if (task.formId() == null) {
            return List.of();
        }
        Map<String, Object> shown = new HashMap<>(lead.enrichment());
        shown.putAll(task.context());
        return models.form(task.formId()).map(form -> forms.render(form, shown)).orElse(List.of());
    }

    private LeadContext context(Lead lead) {
        ZoneId zone = lead.zone();
        Map<String, Object> enrichment = lead.enrichment() == null ? Map.of() : lead.enrichment();
        List<Fact> highlights = new ArrayList<>();
        for (String key : HIGHLIGHTS) {
            String value = text(enrichment.get(key));
            if (!value.isBlank()) {
                boolean web = value.startsWith("https://") || value.startsWith("http://");
                highlights.add(new Fact(label(key), value, web ? value : null));
            }
        }
        List<Timeline.Entry> entries = timeline.of(lead.id());
        List<Event> events = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0 && events.size() < TIMELINE_ENTRIES; i--) {
            Timeline.Entry entry = entries.get(i);
            ZonedDateTime at = entry.at().atZone(zone);
            events.add(new Event(entry.type(), DUE.format(at) + " UTC" + OFFSET.format(at),
                    entry.details() == null ? "" : entry.details().entrySet().stream()
                            .map(e -> e.getKey() + ": " + text(e.getValue()))
                            .collect(Collectors.joining(" · "))));
        }
        return new LeadContext(lead.fullName(), nullToEmpty(lead.facts().jobTitle()), nullToEmpty(lead.facts().company()),
                nullToEmpty(lead.facts().email()), nullToEmpty(lead.facts().country()), zone.getId(),
                lead.stage() == null ? "" : lead.stage().name(),
                lead.fitScore() == null ? "" : lead.fitScore().toString(),
                lead.fitReasons() == null ? List.of() : lead.fitReasons(), highlights, events);
    }

    private static Due due(Instant due, ZoneId zone, Instant now) {
        if (due == null) {
            return null;
        }
        ZonedDateTime local = due.atZone(zone);
        return new Due(DUE.format(local), "UTC" + OFFSET.format(local), zone.getId(), local.toOffsetDateTime().toString(),
                due.isBefore(now));
    }

    private void mayWorkOn(RepTask task, Authentication auth) {
        if (!Roles.isManager(auth) && task.assignee() != null && !task.assignee().equals(auth.getName())) {
            throw new TaskNotYoursException(task.jobKey());
        }
    }

    private static CsrfToken csrfOf(HttpServletRequest request) {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        if (token != null) {
            token.getToken();
        }
        return token;
    }

    private static String label(String key) {
        return switch (key) {
            case "tenureMonths" -> "Months in role";
            case "linkedinUrl" -> "LinkedIn";
            default -> Character.toUpperCase(key.charAt(0)) + key.substring(1);
        };
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return value.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}

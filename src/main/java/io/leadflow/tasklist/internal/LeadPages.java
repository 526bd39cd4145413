package io.leadflow.tasklist.internal;

import io.leadflow.assignment.AssignmentService;
import io.leadflow.assignment.LeadFinder;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.assignment.Team;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadNotFoundException;
import io.leadflow.lead.LeadSearch;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.platform.ConflictException;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.platform.PageController;
import io.leadflow.platform.PageMessage;
import io.leadflow.platform.PageModel;
import io.leadflow.security.Roles;
import io.leadflow.tasklist.RepTaskService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The lead list (search and filters as GET /api/leads has them) and a lead's page: its facts, its way through the
 * stages with why, its whole timeline, its open tasks and what the reader may do about it. A rep sees and acts on
 * their own leads, a manager on every lead.
 */
@PageController
@RequestMapping("/leads")
class LeadPages {

    /** A row of the list; updated in the lead's zone. */
    public record LeadRow(String id, String name, String company, String email, String stage, String owner, String updated) {
    }

    /** An open task of the lead, to open from its page. */
    public record OpenTask(String jobKey, String name, String assignee, TaskListController.Due due) {
    }

    /**
     * What the reader may do on the lead's page besides changing its sequence or nurture (pause until a day, or nurture
     * until a day, from {@code tomorrow} in the lead's zone; resume, stop, re-enrol: its owner or a manager, who alone
     * see the page): hand it to another rep (a manager, when it has an owner).
     */
    public record Actions(String tomorrow, boolean reassign) {
    }

    private final LeadFinder finder;
    private final Leads leads;
    private final LeadContexts contexts;
    private final RepTaskService tasks;
    private final RepDirectory reps;
    private final AssignmentService assignments;
    private final Clock clock;
    private final TaskNames taskNames;

    LeadPages(LeadFinder finder, Leads leads, LeadContexts contexts, RepTaskService tasks, RepDirectory reps,
              AssignmentService assignments, Clock clock, TaskNames taskNames) {
        this.taskNames = taskNames;
        this.finder = finder;
        this.leads = leads;
        this.contexts = contexts;
        this.tasks = tasks;
        this.reps = reps;
        this.assignments = assignments;
        this.clock = clock;
    }

    /** The leads the reader may see that the search finds, newest first; a bad parameter is shown by the form (400). */
    @GetMapping
    ModelAndView list(LeadFinder.Query query, Authentication auth) {
        boolean manager = Roles.isManager(auth);
        ModelAndView page = new ModelAndView("leads/list");
        page.addObject("manager", manager);
        page.addObject("query", query);
        page.addObject("stages", Arrays.stream(LeadStage.values()).map(Enum::name).toList());
        page.addObject("types", Arrays.stream(LeadType.values()).map(Enum::name).toList());
        page.addObject("teams", manager ? reps.teams().stream().map(Team::name).sorted().toList() : List.of());
        try {
            LeadSearch.Result found = finder.find(query, Roles.seesEveryLead(auth) ? null : auth.getName());
            page.addObject("rows", found.leads().stream().map(LeadPages::row).toList());
            page.addObject("errors", List.of());
            if (found.next() != null) {
                page.addObject("next", UriComponentsBuilder.fromPath("/leads")
                        .queryParamIfPresent("q", given(query.q())).queryParamIfPresent("stage", given(query.stage()))
                        .queryParamIfPresent("owner", given(query.owner())).queryParamIfPresent("team", given(query.team()))
                        .queryParamIfPresent("source", given(query.source())).queryParamIfPresent("type", given(query.type()))
                        .queryParamIfPresent("step", given(query.step())).queryParamIfPresent("template", given(query.template()))
                        .queryParamIfPresent("size", given(query.size())).queryParam("cursor", found.next())
                        .encode().build().toUriString());
            }
        } catch (InvalidRequestException e) {
            page.setStatus(HttpStatus.BAD_REQUEST);
            page.addObject("rows", List.of());
            page.addObject("errors", e.errors().stream().map(FieldError::field).toList());
        }
        return page;
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Authentication auth, Model model) {
        Lead lead = leadTheReaderMaySee(id, auth);
        boolean manager = Roles.isManager(auth);
        model.addAttribute("manager", manager);
        model.addAttribute("leadId", lead.id().toString());
        model.addAttribute("owner", lead.owner() == null ? "" : lead.owner());
        model.addAttribute("lead", contexts.of(lead, LeadContexts.ALL_ENTRIES));
        model.addAttribute("stages", contexts.stages(lead));
        model.addAttribute("openTasks", tasks.openTasksOfLead(id).stream()
                .map(task -> new OpenTask(Long.toString(task.jobKey()), taskNames.of(task),
                        task.assignee() == null ? task.candidateGroups() : task.assignee(),
                        TaskListController.due(task.due(), lead.zone(), clock.instant())))
                .toList());
        model.addAttribute("actions", new Actions(LocalDate.now(clock.withZone(lead.zone())).plusDays(1).toString(),
                manager && lead.owner() != null));
        return "leads/lead";
    }

    /** A manager hands the lead from the owner the page showed to the next rep in turn: once. */
    @PostMapping("/{id}/reassign")
    String reassign(@PathVariable UUID id, @RequestParam String from, Authentication auth, RedirectAttributes redirect) {
        Lead lead = leads.get(id);
        if (!Roles.isManager(auth)) {
            throw new NotTheirsException();
        }
        String to = assignments.reassignFrom(id, from).owner();
        redirect.addFlashAttribute("flash", PageMessage.of("lead.flash.reassigned", lead.fullName(), from, to));
        return "redirect:/leads/" + id;
    }

    @ExceptionHandler(NotTheirsException.class)
    ModelAndView notTheirs(HttpServletRequest request, Authentication auth) {
        return message(request, auth, HttpStatus.FORBIDDEN, "lead.notYours");
    }

    @ExceptionHandler({LeadNotFoundException.class, MethodArgumentTypeMismatchException.class})
    ModelAndView notFound(HttpServletRequest request, Authentication auth) {
        return message(request, auth, HttpStatus.NOT_FOUND, "lead.notFound");
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(HttpServletRequest request, Authentication auth) {
        return message(request, auth, HttpStatus.CONFLICT, "lead.conflict.owner");
    }

    private static ModelAndView message(HttpServletRequest request, Authentication auth, HttpStatus status, String code) {
        ModelAndView page = PageModel.of("tasks/message", request, auth);
        page.setStatus(status);
        page.addObject("title", code + ".title");
        page.addObject("message", code + ".text");
        return page;
    }

    private Lead leadTheReaderMaySee(UUID id, Authentication auth) {
        Lead lead = leads.get(id);
        if (!Roles.isManager(auth) && !auth.getName().equals(lead.owner())) {
            throw new NotTheirsException();
        }
        return lead;
    }

    private static LeadRow row(Lead lead) {
        return new LeadRow(lead.id().toString(), lead.fullName(), nullToEmpty(lead.facts().company()),
                nullToEmpty(lead.facts().email()), lead.stage().name(), nullToEmpty(lead.owner()),
                TaskListController.due().format(lead.updatedAt().atZone(lead.zone())));
    }

    private static Optional<String> given(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isBlank());
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A rep opening or changing another rep's lead. */
    private static final class NotTheirsException extends RuntimeException {
    }
}

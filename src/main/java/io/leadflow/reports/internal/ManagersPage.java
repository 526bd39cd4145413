package io.leadflow.reports.internal;

import io.leadflow.assignment.RepDirectory;
import io.leadflow.assignment.RepWorkload;
import io.leadflow.assignment.Team;
import io.leadflow.lead.LeadType;
import io.leadflow.platform.PageController;
import io.leadflow.platform.PageMessage;
import io.leadflow.reports.PlannerProperties;
import io.leadflow.reports.ReportDays;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The managers' page (security lets only managers in): a frame whose sections fetch the reports API and the planner
 * with the manager's session, so the page shows the same numbers as the API; a section whose report fails says so. The
 * period and the filters are the page's URL, so a view can be bookmarked and shared; the page hands them to the
 * script as the reports' query, and as the lead list's for the drill-downs.
 */
@PageController
@RequestMapping("/manager")
class ManagersPage {

    /** The texts manager.js shows, in the page's language. */
    private static final List<String> SCRIPT_TEXTS = PageMessage.codesUnder("manager.js");

    /** The page's URL: the period picker's value (custom: from and to, both included) and the filters, blank when not used. */
    record View(String period, String from, String to, String team, String rep, String source, String type) {
    }

    private final PlannerProperties planner;
    private final RepDirectory directory;
    private final Clock clock;

    ManagersPage(PlannerProperties planner, RepDirectory directory, Clock clock) {
        this.planner = planner;
        this.directory = directory;
        this.clock = clock;
    }

    @GetMapping
    String page(@ModelAttribute View view, Model model) {
        ReportPeriod.Chosen chosen = ReportPeriod.of(view.period(), view.from(), view.to(), ReportDays.today(clock));
        ReportPeriod period = chosen.period();
        model.addAttribute("manager", true);
        model.addAttribute("planner", planner);
        model.addAttribute("jsMessages", SCRIPT_TEXTS);
        model.addAttribute("period", period);
        model.addAttribute("periodFirst", period.first().toString());
        model.addAttribute("periodLast", period.last().toString());
        model.addAttribute("periodErrors", chosen.errors());
        // The template reads plain values: the picker's choices (value, text code) and the filters as given.
        model.addAttribute("periodKind", period.kind().value());
        model.addAttribute("periods", Arrays.stream(ReportPeriod.Kind.values())
                .map(kind -> Map.of("value", kind.value(), "text", "manager.period." + kind.name())).toList());
        Map<String, String> filters = new HashMap<>();
        filters.put("team", view.team());
        filters.put("rep", view.rep());
        filters.put("source", view.source());
        filters.put("type", view.type());
        filters.values().removeIf(Objects::isNull);
        model.addAttribute("filters", filters);
        model.addAttribute("teams", directory.teams().stream().map(Team::name).sorted().toList());
        model.addAttribute("reps", directory.workloads().stream().map(RepWorkload::rep).toList());
        model.addAttribute("types", Arrays.stream(LeadType.values()).map(Enum::name).toList());
        model.addAttribute("reportQuery", filtered(view, "rep").queryParam("from", period.first()).queryParam("to", period.to())
                .build().encode().getQuery());
        // The lead list names a rep "owner"; it has no period: a drill-down shows the leads as they are now.
        String leadsQuery = filtered(view, "owner").build().encode().getQuery();
        model.addAttribute("leadsQuery", leadsQuery == null ? "" : leadsQuery);
        return "reports/manager";
    }

    /** The filters given, the rep under the name the receiving end calls it. */
    private static UriComponentsBuilder filtered(View view, String repParameter) {
        UriComponentsBuilder query = UriComponentsBuilder.newInstance();
        given(query, "team", view.team());
        given(query, repParameter, view.rep());
        given(query, "source", view.source());
        given(query, "type", view.type());
        return query;
    }

    private static void given(UriComponentsBuilder query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.queryParam(name, value.strip());
        }
    }
}

package io.leadflow.reports.internal;

import io.leadflow.platform.PageController;
import io.leadflow.platform.PageMessage;
import io.leadflow.reports.PlannerProperties;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import java.util.List;

/**
 * The managers' page (security lets only managers in): a frame whose sections fetch the reports API and the planner
 * with the manager's session, so the page shows the same numbers as the API; a section whose report fails says so.
 */
@PageController
@RequestMapping("/manager")
class ManagersPage {

    /** The texts manager.js shows, in the page's language. */
    private static final List<String> SCRIPT_TEXTS = PageMessage.codesUnder("manager.js");

    private final PlannerProperties planner;

    ManagersPage(PlannerProperties planner) {
        this.planner = planner;
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("manager", true);
        model.addAttribute("planner", planner);
        model.addAttribute("jsMessages", SCRIPT_TEXTS);
        return "reports/manager";
    }
}

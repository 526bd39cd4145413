package io.leadflow.reports.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.leadflow.platform.ApiDocumentation;
import io.leadflow.reports.Plan;
import io.leadflow.reports.PlanRequest;
import io.leadflow.reports.RevenuePlanner;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The revenue planner's API, for managers (security's managers' chain): a goal in, the funnel it needs out. */
@RestController
@Tag(name = ApiDocumentation.PLANNER)
@RequestMapping("/api/planner")
class PlannerController {

    private final RevenuePlanner planner;

    PlannerController(RevenuePlanner planner) {
        this.planner = planner;
    }

    @Operation(summary = "Plan a revenue goal: the prospects, leads, MQLs, SQLs, opportunities and customers it needs a month "
            + "and per rep, the month so far, and whether the reps' hours are enough for the planned attempts")
    @PostMapping
    Plan plan(@RequestBody PlanRequest request) {
        return planner.plan(request);
    }
}

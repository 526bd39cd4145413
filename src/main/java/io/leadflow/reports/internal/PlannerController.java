package io.leadflow.reports.internal;

import io.leadflow.reports.Plan;
import io.leadflow.reports.PlanRequest;
import io.leadflow.reports.RevenuePlanner;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The revenue planner's API, for managers (security's managers' chain): a goal in, the funnel it needs out. */
@RestController
@RequestMapping("/api/planner")
class PlannerController {

    private final RevenuePlanner planner;

    PlannerController(RevenuePlanner planner) {
        this.planner = planner;
    }

    @PostMapping
    Plan plan(@RequestBody PlanRequest request) {
        return planner.plan(request);
    }
}

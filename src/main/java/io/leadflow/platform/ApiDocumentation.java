package io.leadflow.platform;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description's title, what the API is for, and its sections (each controller names its tag). */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "leadflow API", version = "1",
                description = "Inbound sales on Camunda 8: leads come in (one by one or as CSV), are scored, assigned to a rep and "
                        + "worked through a sequence of attempts; managers read the funnel, the SLA and the sequences' results, and "
                        + "plan. Every /api call takes the API key as a bearer token (Authorization: Bearer <key>), or a signed-in "
                        + "manager's session for the reports, the planner and the reps. Errors are RFC 9457 problems naming the "
                        + "fields at fault.",
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        tags = {
                @Tag(name = ApiDocumentation.LEADS, description = "Submit, import, find and read leads"),
                @Tag(name = ApiDocumentation.SEQUENCES, description = "A lead's sequence of attempts: pause, resume, stop, re-enrol"),
                @Tag(name = ApiDocumentation.REPS, description = "The reps, their teams and their mailboxes (managers)"),
                @Tag(name = ApiDocumentation.REPORTS, description = "The managers' reports: funnel, SLA, sequences, rejections, quota, "
                        + "reps, where leads wait, incidents and mails not sent; JSON, or CSV with Accept: text/csv"),
                @Tag(name = ApiDocumentation.PLANNER, description = "From a revenue goal back up the funnel, and whether the reps' time is enough"),
                @Tag(name = ApiDocumentation.SIMULATIONS, description = "Replay a period's leads through changed models before deploying them (managers)")})
public class ApiDocumentation {

    public static final String LEADS = "Leads";
    public static final String SEQUENCES = "Sequences";
    public static final String REPS = "Reps";
    public static final String REPORTS = "Reports";
    public static final String PLANNER = "Planner";
    public static final String SIMULATIONS = "Simulations";
}

package io.leadflow.tasklist;

import io.leadflow.HeadlessChromium;
import io.leadflow.LeadflowIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import freemarker.template.Template;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.support.RequestContext;
import org.springframework.web.servlet.view.freemarker.FreeMarkerConfig;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static io.leadflow.HeadlessChromium.BROWSER_PATIENCE;
import static org.awaitility.Awaitility.await;

/**
 * A rep works a task in a real browser: a lead posted through the API becomes ana's "First contact"
 * task, she signs in, finds it on her list (soonest due first), calls the lead's number, reads its timeline,
 * books a meeting, and the task is gone and on the lead's timeline.
 */
@Order(3) // one of the longest classes: started first (junit-platform.properties)
class TaskListBrowserIT extends LeadflowIntegrationTest {

    @Autowired
    FreeMarkerConfig freeMarker;
    @Autowired
    WebApplicationContext context;

    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aRepCompletesHerFirstContactTaskInTheBrowser() throws Exception {
        HeadlessChromium.assumeInstalled();

        Map<String, Object> carlos = new HashMap<>(mqlLead("Carlos"));
        carlos.put("phone", "300 123 4567");
        UUID leadId = postLead(carlos);
        JsonNode task = openTask(awaitLead(leadId, l -> openTask(l, "First contact") != null), "First contact");
        assertThat(task.path("assignee").asText()).isEqualTo("ana");
        String jobKey = task.path("id").asText();

        browser = chromium();
        browser.get(url("/tasks"));
        assertThat(browser.getCurrentUrl()).contains("/login");
        signIn("ana");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("My open tasks");
        assertSoonestDueFirst();
        WebElement link = findOnTheList(jobKey);
        assertThat(link.getText()).isEqualTo("First contact");
        WebElement row = link.findElement(By.xpath("./ancestor::tr"));
        assertThat(row.getText()).contains("Carlos Ruiz", "AndesNet", "(Bogota, UTC-05:00)");
        assertThat(row.findElement(By.tagName("time")).getDomAttribute("datetime")).endsWith("-05:00");

        link.click();
        await("the task page").atMost(BROWSER_PATIENCE).until(() -> browser.getCurrentUrl().endsWith("/tasks/" + jobKey));
        String lead = browser.findElement(By.cssSelector("section.lead")).getText();
        assertThat(lead).contains("Carlos Ruiz", "Director de Marketing", "AndesNet", "CO", "America/Bogota", "MQL", "Fit score");
        WebElement call = browser.findElement(By.cssSelector(".call-line a.phone"));
        assertThat(call.getDomAttribute("href")).isEqualTo("tel:+573001234567");
        assertThat(call.getText()).isEqualTo("+57 300 1234567");
        // The timeline in words: no map dumps, enum names or ids.
        String timeline = browser.findElement(By.cssSelector("ol.timeline")).getText();
        assertThat(timeline).contains("Task \u201cFirst contact\u201d for ana, due ", "Assigned to ana")
                .doesNotContain("TASK_CREATED", "STAGE_CHANGED", "{", "=", leadId.toString());
        assertThat(browser.findElement(By.cssSelector("section.work")).getText()).contains("Call outcome", "Outcome");

        // The server checks required fields too: without the browser's check, the page comes back with the error.
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))");
        browser.findElement(By.cssSelector("button.primary")).click();
        await("the form with its error").atMost(BROWSER_PATIENCE)
                .until(() -> !browser.findElements(By.cssSelector(".errors")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".errors")).getText()).contains("Outcome is required.");

        WebElement meetingBooked = browser.findElement(By.xpath("//label[normalize-space()='Meeting booked']"));
        WebElement radio = browser.findElement(By.id(meetingBooked.getDomAttribute("for")));
        assertThat(radio.getDomAttribute("required")).isNotNull();
        meetingBooked.click();
        assertThat(radio.isSelected()).isTrue();
        browser.findElement(By.id("Field_Notes")).sendKeys("Demo on Tuesday <10:00>");
        screenshot("tasklist-task-page.png");
        assertThat(HeadlessChromium.seriousAccessibilityViolations(browser)).as("the task page").isEmpty();

        browser.findElement(By.cssSelector("button.primary")).click();
        await("back on the list").atMost(BROWSER_PATIENCE).until(() -> browser.getCurrentUrl().endsWith("/tasks"));
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("First contact", "Carlos Ruiz");
        assertThat(browser.findElements(By.cssSelector("a[data-job-key='" + jobKey + "']"))).isEmpty();
        screenshot("tasklist-after-completion.png");

        await("TASK_COMPLETED on the timeline").atMost(BROWSER_PATIENCE).untilAsserted(() -> {
            JsonNode completed = null;
            for (JsonNode entry : api.get().uri("/api/leads/{id}/timeline", leadId).retrieve().body(JsonNode.class)) {
                if ("TASK_COMPLETED".equals(entry.path("type").asText())) {
                    completed = entry;
                }
            }
            assertThat(completed).as("TASK_COMPLETED entry").isNotNull();
            assertThat(completed.path("details").path("outcome").asText()).isEqualTo("meeting-booked");
            assertThat(completed.path("details").path("notes").asText()).isEqualTo("Demo on Tuesday <10:00>");
            assertThat(completed.path("details").path("by").asText()).isEqualTo("ana");
        });

        // A closed task opened again says so, as a page (not an API problem document).
        browser.get(url("/tasks/" + jobKey));
        assertThat(browser.findElement(By.cssSelector("section.work")).getText()).contains("no longer open");
        browser.get(url("/tasks/not-a-number"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Task not found");

        // Another rep may not open ana's task; a manager sees everyone's tasks.
        signOutAndSignInAs("ben");
        browser.get(url("/tasks/" + jobKey));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not your task");
        signOutAndSignInAs("marta");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your team's open tasks");
    }

    @Test
    void aRepTakesALeadFromItsReplyToWonInTheBrowser() throws Exception {
        HeadlessChromium.assumeInstalled();
        LeadAfterMissedCall lead = leadAfterMissedCall("Sofia");
        sendToInbox(reply(lead.email(), lead.followUp(), "¡Hola! Sí, me interesa. ¿Hablamos el jueves?", Map.of()));

        browser = chromium();
        browser.get(url("/tasks"));
        signIn("ana");

        // Explore: the reply's intent is on the task; an SQL needs the GPCTBA answers.
        openTaskPage(lead.id(), "Qualify lead");
        assertThat(browser.findElement(By.cssSelector("section.work")).getText()).contains("INTERESTED");
        assertThat(browser.findElement(By.id("Field_Goals")).isDisplayed()).as("the GPCTBA answers wait for the decision").isFalse();
        new Select(browser.findElement(By.id("Field_Decision"))).selectByValue("sql");
        await("the SQL's questions shown").atMost(BROWSER_PATIENCE).until(() -> browser.findElement(By.id("Field_Goals")).isDisplayed());
        browser.findElement(By.id("Field_Goals")).sendKeys("Grow the B2B pipeline 30%");
        browser.findElement(By.cssSelector("button.primary")).click();
        await("the form with its errors").atMost(BROWSER_PATIENCE)
                .until(() -> !browser.findElements(By.cssSelector(".errors")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".errors")).getText()).contains("Budget is required.");
        new Select(browser.findElement(By.id("Field_Decision"))).selectByValue("sql");
        for (String field : List.of("Goals", "Plans", "Challenges", "Timeline", "Budget", "Authority")) {
            WebElement answer = browser.findElement(By.id("Field_" + field));
            answer.clear();
            answer.sendKeys(field + " answered");
        }
        screenshot("journey-qualify-lead.png");
        submitAndReturnToList();

        // Advise: the proposal carries the buyer's case study; the meeting makes an opportunity; won.
        openTaskPage(lead.id(), "Prepare proposal or demo");
        assertThat(browser.findElement(By.cssSelector("section.work")).getText()).contains("Case study for this buyer");
        // The meeting took place: yesterday, not a day to come.
        browser.findElement(By.id("Field_MeetingDate")).sendKeys(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1).toString());
        browser.findElement(By.id("Field_MeetingHeld")).click();
        submitAndReturnToList();
        awaitLead(lead.id(), l -> "OPPORTUNITY".equals(l.get("stage").asText()));

        openTaskPage(lead.id(), "Record deal outcome");
        browser.findElement(By.xpath("//label[normalize-space()='Won']")).click();
        screenshot("journey-deal-outcome.png");
        submitAndReturnToList();

        JsonNode won = awaitLead(lead.id(), l -> "CUSTOMER".equals(l.get("stage").asText()));
        List<String> stages = new java.util.ArrayList<>();
        won.get("stages").forEach(move -> stages.add(move.get("stage").asText()));
        assertThat(stages).containsSubsequence("LEAD", "MQL", "SQL", "OPPORTUNITY", "CUSTOMER");
        assertThat(won.at("/stages/" + (stages.size() - 1) + "/model").asText()).startsWith("lead-advise v");
        assertThat(timelineTypes(lead.id())).contains("STAGE_CHANGED");
    }

    /** Opens the lead's open task of that name from the task list. */
    @Test
    void aRepSeesWhyAndHowTheLeadCameAndRejectsItWithAReasonFromTheList() throws Exception {
        HeadlessChromium.assumeInstalled();
        UUID leadId = postLead(mqlLead("Rosa"));
        String jobKey = openTask(awaitLead(leadId, l -> openTask(l, "First contact") != null), "First contact").path("id").asText();
        browser = chromium();
        browser.get(url("/tasks"));
        signIn("ana");
        browser.get(url("/tasks/" + jobKey));

        String lead = browser.findElement(By.cssSelector("section.lead")).getText();
        assertThat(lead).contains("How it came", "Came as", "form fill", "Source", "ebook", "Signals",
                "decided by lead-fit v", ", rule Rule_LeadFit_Mql (A decision maker with a fit score of 70 or more is marketing qualified)",
                ", called by lead-identify v");
        assertThat(browser.findElement(By.cssSelector("ol.timeline")).getText()).as("the arrival stays on the activity")
                .contains("Arrived as a form fill from ebook");

        // A rejection needs a reason: the server says so, naming the field.
        browser.findElement(By.xpath("//label[normalize-space()='Rejected: hand back to marketing']")).click();
        browser.findElement(By.cssSelector("button.primary")).click();
        await("the form with its error").atMost(BROWSER_PATIENCE)
                .until(() -> !browser.findElements(By.cssSelector(".errors")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".errors")).getText()).contains("Reason for rejecting is required.");

        browser.findElement(By.xpath("//label[normalize-space()='Rejected: hand back to marketing']")).click();
        browser.findElement(By.cssSelector("#Field_RejectionReason option[value='student']")).click();
        screenshot("tasklist-rejection.png");
        submitAndReturnToList();
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("First contact", "Rosa Ruiz");
        JsonNode rejected = awaitLead(leadId, l -> "DISQUALIFIED".equals(l.get("stage").asText()));
        assertThat(rejected.at("/stages/2/reason").asText()).isEqualTo("rejected at hand-off by ana: Student");
    }

    private void openTaskPage(UUID leadId, String name) {
        String jobKey = openTask(awaitLead(leadId, l -> openTask(l, name) != null), name).path("id").asText();
        browser.get(url("/tasks"));
        browser.findElement(By.cssSelector("a[data-job-key='" + jobKey + "']")).click();
        await(name).atMost(BROWSER_PATIENCE).until(() -> browser.getCurrentUrl().endsWith("/tasks/" + jobKey));
    }

    private void submitAndReturnToList() {
        browser.findElement(By.cssSelector("button.primary")).click();
        await("back on the list").atMost(BROWSER_PATIENCE).until(() -> browser.getCurrentUrl().endsWith("/tasks"));
    }

    private void signOutAndSignInAs(String user) {
        browser.get(url("/tasks"));
        browser.findElement(By.cssSelector("form.signout button")).click();
        await("signed out").atMost(BROWSER_PATIENCE).until(() -> browser.getCurrentUrl().contains("/login"));
        // The session is over: the task list asks for a sign-in again.
        browser.get(url("/tasks"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        signIn(user);
    }

    private void signIn(String user) {
        HeadlessChromium.signIn(browser, user);
    }

    /** The task's link on the list, paging on (later due) until it shows. */
    private WebElement findOnTheList(String jobKey) {
        By link = By.cssSelector("a[data-job-key='" + jobKey + "']");
        while (browser.findElements(link).isEmpty()) {
            browser.findElement(By.cssSelector("a[rel=next]")).click();
        }
        return browser.findElement(link);
    }

    private void assertSoonestDueFirst() {
        List<java.time.Instant> dues = browser.findElements(By.cssSelector("table.tasks td.due time")).stream()
                .map(time -> java.time.OffsetDateTime.parse(time.getDomAttribute("datetime")).toInstant()).toList();
        assertThat(dues).isNotEmpty().isSorted();
    }

    @Test
    void aRepStopsTheSequenceFromTheTaskPage() {
        HeadlessChromium.assumeInstalled();
        UUID leadId = postLead(mqlLead("Julieta"));
        openFirstContactAsAna(leadId);
        browser.findElement(By.id("stop-reason")).sendKeys("Talked at the Andicom booth");
        browser.findElement(By.cssSelector("form.stop-form button")).click();

        await("back on the list").atMost(BROWSER_PATIENCE).until(() -> browser.getCurrentUrl().endsWith("/tasks"));
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("Sequence stopped", "Julieta Ruiz");
        awaitTimeline(leadId, "SEQUENCE_ENDED");
        assertThat(timelineTypes(leadId)).contains("STOPPED");
        awaitLead(leadId, l -> l.get("openTasks").isEmpty());
    }

    @Test
    void aRepPausesTheSequenceFromTheTaskPage() {
        HeadlessChromium.assumeInstalled();
        UUID leadId = postLead(mqlLead("Lorena"));
        openFirstContactAsAna(leadId);
        WebElement until = browser.findElement(By.id("pause-until"));
        LocalDate tomorrow = clock.instant().atZone(BOGOTA).toLocalDate().plusDays(1);
        assertThat(until.getDomAttribute("min")).as("the earliest day, in the lead's zone").isEqualTo(tomorrow.toString());
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", until, tomorrow.plusDays(9).toString());
        browser.findElement(By.cssSelector("form.pause-form button")).click();

        await("back on the list").atMost(BROWSER_PATIENCE).until(() -> browser.getCurrentUrl().endsWith("/tasks"));
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("Sequence paused", "Lorena Ruiz");
        awaitTimeline(leadId, "SEQUENCE_PAUSED");
        assertThat(openTask(lead(leadId), "First contact")).as("the open call stays").isNotNull();
    }

    @Test
    void aRepWhoseTaskTheProcessWithdrewWhileSheWorkedOnItIsToldItWentOnWithoutHerAnswer() {
        HeadlessChromium.assumeInstalled();
        UUID leadId = postLead(mqlLead("Valentina"));
        long jobKey = openFirstContactAsAna(leadId);
        withdrawInTheEngine(leadId, jobKey);

        browser.findElement(By.xpath("//label[normalize-space()='Connected']")).click();
        submitAndReturnToList();

        assertThat(browser.findElement(By.cssSelector(".flash")).getText())
                .contains("Recorded: First contact for Valentina Ruiz", "the process had already closed this task");
        assertThat(tasks.get(jobKey).delivery()).isEqualTo(RepTask.Delivery.PROCESS_MOVED_ON);
        assertThat(timelineTypes(leadId)).contains("TASK_COMPLETED").doesNotContain("TASK_CANCELLED");
    }

    /**
     * Follows the link of Ana's notification mail, signs in on the way and lands on the lead's First contact; the lead
     * gave no phone number, which the call says.
     */
    private long openFirstContactAsAna(UUID leadId) {
        String jobKey = openTask(awaitLead(leadId, l -> openTask(l, "First contact") != null), "First contact").path("id").asText();
        String link = "/tasks/lead/" + leadId;
        await("the notification").atMost(PATIENCE).until(() -> mailbox("ana@leadflow.local").stream()
                .anyMatch(mail -> text(mail).contains(link)));
        browser = chromium();
        browser.get(url(link));
        signIn("ana");
        await("the task page").atMost(BROWSER_PATIENCE).until(() -> browser.getCurrentUrl().endsWith("/tasks/" + jobKey));
        assertThat(browser.findElement(By.cssSelector(".call-line")).getText()).isEqualTo("No phone number \u2014 research it");
        return Long.parseLong(jobKey);
    }

    private static String text(jakarta.mail.Message mail) {
        try {
            return mail.getContent().toString();
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void leadDataIsEscapedInThePages() throws Exception {
        Template list = freeMarker.getConfiguration().getTemplate("tasks/list.ftlh");
        Map<String, Object> model = new HashMap<>();
        model.put("manager", false);
        model.put("user", "ana");
        model.put("flash", "Done: <img src=x onerror=alert(1)>");
        // What the view gives a page: its texts.
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
        model.put("springMacroRequestContext", new RequestContext(request, model));
        model.put("tasks", new io.leadflow.tasklist.internal.TaskListController.TaskPage(List.of(
                new io.leadflow.tasklist.internal.TaskListController.TaskRow("1", "First contact", "<script>alert(1)</script>",
                        "Acme & \"Co\"", "ana", null)), 1, 1, false, false));
        StringWriter out = new StringWriter();
        list.process(model, out);

        assertThat(out.toString())
                .doesNotContain("<script>alert(1)", "<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Acme &amp; &quot;Co&quot;", "No due date");
    }

    private WebDriver chromium() {
        return HeadlessChromium.start();
    }

    private void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(browser, name);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}

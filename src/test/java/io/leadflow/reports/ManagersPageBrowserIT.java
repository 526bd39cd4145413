package io.leadflow.reports;

import io.leadflow.HeadlessChromium;
import io.leadflow.LeadflowIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static io.leadflow.HeadlessChromium.BROWSER_PATIENCE;
import static org.awaitility.Awaitility.await;

/**
 * Marta, a manager, opens the managers' page in a real browser: the charts and the BPMN viewer load from the app
 * itself, every section draws its report (the funnel chart, the SLA, the reps, marketing's quota, the process diagrams with the leads
 * waiting on them), and the planner answers seed 002's goal with 3,200 prospects.
 */
@Order(3) // one of the longest classes: started first (junit-platform.properties)
class ManagersPageBrowserIT extends LeadflowIntegrationTest {

    private static final Duration SECTIONS = Duration.ofSeconds(20);

    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aManagerSeesTheFunnelTheSlaTheRepsTheProcessesAndPlans() throws Exception {
        martaWithALeadAtFirstContact("Camila", "/tasks");
        browser.findElement(By.cssSelector("nav.managers a[href='/manager']")).click();
        await("the managers' page").atMost(BROWSER_PATIENCE).until(() -> browser.getCurrentUrl().endsWith("/manager"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Managers' view");
        assertThat(((JavascriptExecutor) browser).executeScript("return typeof echarts + ' ' + typeof BpmnJS"))
                .as("ECharts and bpmn-js, served by leadflow").isEqualTo("object function");

        // The planner: seed 002's goal, shared among 4 reps.
        WebElement reps = browser.findElement(By.id("reps-count"));
        reps.sendKeys("4");
        browser.findElement(By.cssSelector("#planner-form button.primary")).click();
        await("the plan").atMost(BROWSER_PATIENCE).until(() -> browser.findElement(By.cssSelector(".plan-result")).isDisplayed());
        assertThat(step("prospects", "per-month")).isEqualTo("3,200");
        assertThat(step("customers", "per-month")).isEqualTo("100");
        assertThat(step("leads", "per-rep")).isEqualTo("400");
        assertThat(step("prospects", "month-to-date")).isEqualTo("—");
        assertThat(browser.findElement(By.cssSelector(".plan-result .capacity")).getText())
                .contains("a rep can make 1 attempts per lead", "plans 5", "Not enough: 17 reps are needed");
        HeadlessChromium.screenshot(browser, "managers-page-planner.png");

        // The reports of the other sections (GET /api/reports/…).
        await("every section drawn").atMost(SECTIONS).until(() -> browser.findElements(By.cssSelector("section.panel:not([data-state])")).stream()
                .noneMatch(section -> !Set.of("planner", "simulation").contains(section.getDomAttribute("id"))));
        for (String section : new String[] {"funnel", "sla", "breaches", "sequences", "reps", "rejections", "quota", "process", "incidents",
                "mail-failures"}) {
            assertThat(browser.findElement(By.id(section)).getDomAttribute("data-state")).as(section).isEqualTo("ready");
        }
        assertThat(browser.findElements(By.cssSelector("#funnel-chart canvas"))).as("the funnel chart").isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#mail-failures .summary")).getText()).as("mails not sent").isNotBlank();
        assertThat(browser.findElements(By.cssSelector("#sla-chart canvas"))).as("SLA compliance by week").isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#sla .summary")).getText()).contains("first attempts in time");
        assertThat(browser.findElements(By.cssSelector("#reply-chart canvas"))).as("reply rate per step").isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#reps tr[data-rep='ana']")).getText()).contains("Ana");
        assertThat(browser.findElement(By.cssSelector("#quota tr[data-total]")).getText()).contains("All teams");
        assertThat(browser.findElement(By.cssSelector("#quota tr[data-rep='ana']")).getText()).contains("ana");
        await("the diagrams with the leads waiting on them").atMost(SECTIONS)
                .until(() -> !browser.findElements(By.cssSelector("figure.process[data-process='lead-sequence'] .waiting-count")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("figure.process .djs-container svg"))).as("diagrams drawn").isNotEmpty();
        assertThat(Integer.parseInt(browser.findElement(By.cssSelector("figure.process[data-process='lead-sequence'] .waiting-count"))
                .getText().replace(",", ""))).isPositive();
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        HeadlessChromium.screenshot(browser, "managers-page.png");

        // In Spanish, the script's texts too; then a page that is not there, in Spanish, with the way back.
        browser.get(url("/manager?lang=es"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Vista de gerentes");
        await("the summary in Spanish").atMost(SECTIONS).until(() -> "ready".equals(browser.findElement(By.id("sla")).getDomAttribute("data-state")));
        assertThat(browser.findElement(By.cssSelector("#sla .summary")).getText()).contains("primeros intentos a tiempo");
        assertThat(browser.findElement(By.cssSelector("#planner h2")).getText()).isEqualTo("Planificador de ingresos");
        HeadlessChromium.screenshot(browser, "managers-page-es.png");
        browser.get(url("/no-such-page"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Página no encontrada");
        HeadlessChromium.screenshot(browser, "error-page-es.png");
        assertThat(HeadlessChromium.seriousAccessibilityViolations(browser)).as("the error page").isEmpty();
        browser.findElement(By.linkText("Volver a la lista de tareas")).click();
        await("back on the task list").atMost(BROWSER_PATIENCE).until(() -> browser.getCurrentUrl().endsWith("/tasks"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tareas abiertas de tu equipo");
    }

    @Test
    void aManagerFiltersTheDashboardDrillsDownToTheLeadsAndZoomsIntoADiagram() throws Exception {
        UUID leadId = martaWithALeadAtFirstContact("Valeria", "/manager");
        assertThat(browser.findElement(By.id("from")).isDisplayed()).as("custom dates only for a custom period").isFalse();
        new Select(browser.findElement(By.id("period"))).selectByValue("this-week");
        new Select(browser.findElement(By.id("team"))).selectByValue("latam");
        new Select(browser.findElement(By.id("rep"))).selectByValue("ana");
        browser.findElement(By.cssSelector("#report-filters button.primary")).click();
        await("the filtered page").atMost(BROWSER_PATIENCE).until(() -> browser.getCurrentUrl().contains("period=this-week"));
        assertThat(browser.getCurrentUrl()).contains("team=latam", "rep=ana");
        await("every report drawn").atMost(SECTIONS).until(() -> Stream.of("funnel", "sla", "sequences", "rejections", "process")
                .allMatch(id -> "ready".equals(browser.findElement(By.id(id)).getDomAttribute("data-state"))));
        assertThat(new Select(browser.findElement(By.id("rep"))).getFirstSelectedOption().getText()).contains("Ana");
        assertThat(browser.findElement(By.cssSelector("#funnel .conversions")).getText()).as("stages in words, with their counts")
                .contains("Leads → MQLs", " of ").doesNotContain("MQL →");
        assertThat(browser.findElement(By.id("period-shown")).getText()).contains("whole days in UTC");

        // The diagram where leads wait: full size, zoomed, the count on the wait people see, the table beside it.
        By sequence = By.cssSelector("figure.process[data-process='lead-sequence']");
        await("the sequence's diagram").atMost(SECTIONS)
                .until(() -> !browser.findElements(By.cssSelector("figure.process[data-process='lead-sequence'] .zoom-controls")).isEmpty());
        WebElement figure = browser.findElement(sequence);
        assertThat(figure.findElements(By.cssSelector(".waiting-count[data-element^='Gateway_']"))).as("no count on a gateway").isEmpty();
        WebElement firstContact = figure.findElement(By.cssSelector("table.waiting tr[data-element]"));
        assertThat(firstContact.getText()).contains("First contact");
        WebElement badge = figure.findElement(By.cssSelector(".waiting-count[data-element='" + firstContact.getDomAttribute("data-element") + "']"));
        assertThat(badge.getDomProperty("textContent")).as("its count on the diagram").isNotBlank();
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'})", figure);
        assertThat(whyNotSeen(badge)).as("the count, seen in the page").isNull();
        figure.findElement(By.cssSelector("button[data-action='fullSize']")).click();
        assertThat(figure.getDomAttribute("class")).contains("full");
        assertThat(whyNotSeen(badge)).as("the count, seen full size").isNull();
        String fitted = viewport(figure);
        figure.findElement(By.cssSelector("button[data-action='zoomIn']")).click();
        assertThat(viewport(figure)).as("zoomed in").isNotEqualTo(fitted);
        assertThat(whyNotSeen(badge)).as("the count, seen zoomed in").isNull();
        HeadlessChromium.screenshot(browser, "managers-page-diagram-full.png");
        figure.findElement(By.cssSelector("button[data-action='fullSize']")).click();
        assertThat(figure.getDomAttribute("class")).doesNotContain("full");
        // The leads behind the count, each a link to its page.
        firstContact.findElement(By.tagName("button")).click();
        await("the leads waiting at First contact").atMost(BROWSER_PATIENCE)
                .until(() -> !figure.findElements(By.cssSelector("tr.waiting-leads a[href='/leads/" + leadId + "']")).isEmpty());
        assertThat(HeadlessChromium.seriousAccessibilityViolations(browser)).as("the managers' page, filtered").isEmpty();
        HeadlessChromium.screenshot(browser, "managers-page-filtered.png");

        // Drill-down: the funnel's MQLs are the lead list's, same filters.
        WebElement mqls = browser.findElement(By.cssSelector("#funnel .drill-down a[data-stage='MQL']"));
        assertThat(mqls.getDomAttribute("href")).isEqualTo("/leads?stage=MQL&team=latam&owner=ana");
        mqls.click();
        await("the lead list").atMost(BROWSER_PATIENCE).until(() -> browser.getCurrentUrl().contains("/leads?"));
        assertThat(new Select(browser.findElement(By.id("stage"))).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("MQL");
        assertThat(browser.findElement(By.id("owner")).getDomProperty("value")).isEqualTo("ana");
        assertThat(HeadlessChromium.seriousAccessibilityViolations(browser)).as("the lead list").isEmpty();

        // In Spanish, a custom period.
        browser.get(url("/manager?lang=es&period=custom&from=2026-01-05&to=2026-01-11"));
        assertThat(browser.findElement(By.id("from")).isDisplayed()).isTrue();
        await("the SLA in Spanish").atMost(SECTIONS).until(() -> "ready".equals(browser.findElement(By.id("sla")).getDomAttribute("data-state")));
        assertThat(browser.findElement(By.id("period-shown")).getText()).contains("días enteros en UTC");
        assertThat(browser.findElement(By.cssSelector("#rejections h2")).getText()).isEqualTo("Rechazados en la entrega");
        assertThat(HeadlessChromium.seriousAccessibilityViolations(browser)).as("the managers' page in Spanish").isEmpty();
        HeadlessChromium.screenshot(browser, "managers-page-custom-es.png");
        browser.get(url("/reps?lang=en"));
        assertThat(HeadlessChromium.seriousAccessibilityViolations(browser)).as("the reps' page").isEmpty();
        HeadlessChromium.screenshot(browser, "reps-page.png");
    }

    /**
     * A new lead waiting at its First contact (something to count on the diagrams), and Marta signed in on the page at
     * {@code path}, in English whichever language she chose last.
     */
    private UUID martaWithALeadAtFirstContact(String firstName, String path) {
        HeadlessChromium.assumeInstalled();
        UUID leadId = postLead(mqlLead(firstName));
        awaitLead(leadId, lead -> openTask(lead, "First contact") != null);
        browser = HeadlessChromium.start();
        browser.get(url(path));
        HeadlessChromium.signIn(browser, "marta");
        browser.get(url(path + "?lang=en"));
        return leadId;
    }

    /**
     * Why a person would not see the element: null when it has a size, lies inside the window and is what the browser finds
     * at its centre (nothing covers it); else what is wrong, for the assertion's message.
     */
    private String whyNotSeen(WebElement element) {
        return (String) ((JavascriptExecutor) browser).executeScript("""
                const element = arguments[0];
                const box = element.getBoundingClientRect();
                if (box.width === 0 || box.height === 0) {
                  return 'no size: ' + JSON.stringify(box);
                }
                if (box.left < 0 || box.top < 0 || box.right > window.innerWidth || box.bottom > window.innerHeight) {
                  return 'outside the window: ' + JSON.stringify(box);
                }
                const found = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                return element.contains(found) ? null : 'covered by ' + (found ? found.outerHTML.slice(0, 200) : 'nothing');
                """, element);
    }

    /** Where the diagram's canvas is and how far it is zoomed. */
    private static String viewport(WebElement figure) {
        return figure.findElement(By.cssSelector("svg .viewport")).getDomAttribute("transform");
    }

    private String step(String step, String column) {
        return browser.findElement(By.cssSelector(".plan-result tr[data-step='" + step + "'] td." + column)).getText();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}

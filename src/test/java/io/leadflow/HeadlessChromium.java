package io.leadflow;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Debian's Chromium, headless, for the pages' browser tests; screenshots go to target/, accessibility checked by axe-core. */
public final class HeadlessChromium {

    /** A bound for a page to answer, never a wait: a busy machine takes more than seconds to render one. */
    public static final Duration BROWSER_PATIENCE = Duration.ofMinutes(1);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Skips the test where Chromium is not installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
    }

    public static WebDriver start() {
        System.setProperty("SE_AVOID_STATS", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1400", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Signs in on the sign-in page; the browser goes on to the page it was asked for (the task list by default). */
    public static void signIn(WebDriver browser, String user) {
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await("signed in as " + user).atMost(BROWSER_PATIENCE).until(() -> !browser.getCurrentUrl().contains("/login"));
    }

    /**
     * axe-core's checks (vendored in the test resources) on the page as it stands: its violations of serious or critical
     * impact, each as "rule: what it asks — the elements at fault".
     */
    @SuppressWarnings("unchecked")
    public static List<String> seriousAccessibilityViolations(WebDriver browser) throws IOException {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        try (InputStream axe = HeadlessChromium.class.getResourceAsStream("/axe/axe.min.js")) {
            page.executeScript(new String(axe.readAllBytes(), StandardCharsets.UTF_8));
        }
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return (List<String>) page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(
                    results => done(results.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(node => node.target.join(' ')).join(', '))),
                    error => done(['axe-core did not run: ' + error]));
                """);
    }

    public static void screenshot(WebDriver browser, String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}

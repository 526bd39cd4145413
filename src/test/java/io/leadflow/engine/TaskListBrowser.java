package io.leadflow.engine;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rep's browser session on the task list of a leadflow that may be killed under it: signed in with the sign-in form,
 * posting forms with their CSRF token, trying again (signing in again) when leadflow gave no answer.
 */
final class TaskListBrowser {

    /** The dev profile's people (application-dev.yaml). */
    static final Map<String, String> PASSWORDS = Map.of("ana", "ana", "ben", "ben", "marta", "marta");
    /** How long a client goes on retrying a request leadflow did not answer (it was down). */
    static final Duration CLIENT_PATIENCE = Duration.ofMinutes(5);
    static final Duration CLIENT_BACKOFF = Duration.ofMillis(250);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String NO_LONGER_OPEN = "This task is no longer open";

    /** How a completion ended: answered (the list, with its flash message) or found closed when tried again. */
    record Completed(boolean answered, int tries) {
    }

    private final String username;
    /** The leadflow this browser talks to now (another node's, once its own died). */
    private final Supplier<URI> leadflow;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    private boolean signedIn;
    private String lastSignIn = "not tried";

    TaskListBrowser(String username, Supplier<URI> leadflow) {
        this.username = username;
        this.leadflow = leadflow;
    }

    /**
     * Opens the task and posts its form until leadflow answers: done, or the task no longer open when opened again
     * after a try that got no answer. Signs in again when the session died with the killed leadflow.
     */
    Completed complete(long jobKey, String form) throws Exception {
        String path = "/tasks/" + jobKey;
        long deadline = System.nanoTime() + CLIENT_PATIENCE.toNanos();
        String last = "no answer";
        for (int tries = 1; System.nanoTime() < deadline; tries++) {
            Optional<HttpResponse<String>> page = signedIn || signIn() ? get(path) : Optional.empty();
            if (page.filter(p -> p.statusCode() == 200 && p.body().contains(NO_LONGER_OPEN)).isPresent()) {
                return new Completed(false, tries);
            }
            Optional<HttpResponse<String>> answer = postForm(page, path, form);
            if (answer.filter(a -> a.statusCode() == 302 && redirectsTo(a, "/tasks")).isPresent()) {
                return new Completed(true, tries);
            }
            assertThat(answer.map(HttpResponse::body).orElse("")).as("task %d", jobKey).doesNotContain("Not your task");
            last = answer.or(() -> page).map(TaskListBrowser::described).orElse(signedIn ? "no answer" : "sign-in: " + lastSignIn);
            // No answer (leadflow down), or the session died with the killed leadflow: sign in again.
            signedIn = false;
            Thread.sleep(CLIENT_BACKOFF);
        }
        throw new AssertionError("the completion of task " + jobKey + " got no answer within " + CLIENT_PATIENCE + "; the last: " + last);
    }

    /** An answer as a failure names it: its status, where it redirects, and the start of its page. */
    private static String described(HttpResponse<String> answer) {
        String body = answer.body().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ");
        return answer.statusCode() + " " + answer.headers().firstValue(HttpHeaders.LOCATION).orElse("") + " "
                + body.substring(0, Math.min(body.length(), 600));
    }

    private boolean signIn() throws InterruptedException {
        Optional<HttpResponse<String>> page = get("/login");
        Optional<HttpResponse<String>> answer = postForm(page, "/login",
                "username=" + encode(username) + "&password=" + encode(PASSWORDS.get(username)));
        // Signed in, the browser goes to the task list, or back to the page that sent it to sign in (a failure: to /login).
        signedIn = answer.filter(signedIn -> signedIn.statusCode() == 302 && signedIn.headers().firstValue(HttpHeaders.LOCATION)
                .filter(to -> to.contains("/tasks")).isPresent()).isPresent();
        lastSignIn = answer.or(() -> page).map(TaskListBrowser::described).orElse("no answer");
        return signedIn;
    }

    private Optional<HttpResponse<String>> get(String path) throws InterruptedException {
        return send(browser, HttpRequest.newBuilder(leadflow.get().resolve(path)).timeout(REQUEST_TIMEOUT).GET().build());
    }

    /** Posts the page's form with its CSRF token; empty when there is no such page or leadflow did not answer. */
    private Optional<HttpResponse<String>> postForm(Optional<HttpResponse<String>> page, String path, String form)
            throws InterruptedException {
        Optional<Matcher> csrf = page.filter(p -> p.statusCode() == 200).map(p -> CSRF.matcher(p.body())).filter(Matcher::find);
        if (csrf.isEmpty()) {
            return Optional.empty();
        }
        return send(browser, HttpRequest.newBuilder(leadflow.get().resolve(path)).timeout(REQUEST_TIMEOUT)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + encode(csrf.get().group(1)))).build());
    }

    private static boolean redirectsTo(HttpResponse<String> answer, String path) {
        return answer.headers().firstValue(HttpHeaders.LOCATION).filter(to -> to.endsWith(path)).isPresent();
    }

    /** The answer, or empty when leadflow gave none (down, killed in the middle, not listening yet). */
    static Optional<HttpResponse<String>> send(HttpClient client, HttpRequest request) throws InterruptedException {
        try {
            return Optional.of(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException noAnswer) {
            return Optional.empty();
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

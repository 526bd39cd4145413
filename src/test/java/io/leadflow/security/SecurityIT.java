package io.leadflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.platform.GeneratedSecrets;
import io.leadflow.platform.Secrets.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the audit asked for, on the running stack: ports on loopback, sign-in from the database, metrics, cookie, OpenAPI. */
@ExtendWith(OutputCaptureExtension.class)
class SecurityIT extends LeadflowIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Value("${leadflow.engine.embedded.port}")
    int gatewayPort;
    @Value("${leadflow.security.metrics-token}")
    String metricsToken;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GeneratedSecrets generatedSecrets;

    @Test
    void theGatewayTheHttpServerAndTheMailServerRefuseConnectionsOnANonLoopbackAddress() throws IOException {
        Optional<InetAddress> outside = NetworkInterface.networkInterfaces()
                .filter(SecurityIT::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .findFirst();
        assumeTrue(outside.isPresent(), "this machine has no non-loopback IPv4 address");
        for (int listening : new int[] {gatewayPort, port, smtpPort, imapPort}) {
            try (Socket local = new Socket()) {
                local.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listening), 2000);
            }
            assertThatThrownBy(() -> {
                try (Socket remote = new Socket()) {
                    remote.connect(new InetSocketAddress(outside.get(), listening), 2000);
                }
            }).as("port %d on %s", listening, outside.get()).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void prometheusReadsWithTheMetricsTokenOnly() throws Exception {
        HttpResponse<String> scraped = send(HttpClient.newHttpClient(), get("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + metricsToken).build());
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes");
        for (String authorization : new String[] {null, "Bearer wrong-token", "Bearer dev-api-key"}) {
            HttpRequest.Builder request = get("/actuator/prometheus");
            if (authorization != null) {
                request.header(HttpHeaders.AUTHORIZATION, authorization);
            }
            assertThat(send(HttpClient.newHttpClient(), request.build()).statusCode()).as("%s", authorization).isEqualTo(401);
        }
    }

    @Test
    void metricsAreForSignedInManagers() throws Exception {
        assertThat(send(signedIn("marta", "marta"), get("/actuator/metrics").build()).statusCode()).isEqualTo(200);
        assertThat(send(signedIn("ana", "ana"), get("/actuator/metrics").build()).statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = send(browser(), get("/actuator/metrics").build());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue(HttpHeaders.LOCATION)).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
    }

    @Test
    void theSessionCookieIsLaxAndSecureBehindHttps() throws Exception {
        String plain = send(browser(), get("/login").build()).headers().firstValue(HttpHeaders.SET_COOKIE).orElseThrow();
        assertThat(plain).contains("JSESSIONID=", "HttpOnly", "SameSite=Lax").doesNotContain("Secure");
        String proxied = send(browser(), get("/login").header("X-Forwarded-Proto", "https").build())
                .headers().firstValue(HttpHeaders.SET_COOKIE).orElseThrow();
        assertThat(proxied).contains("JSESSIONID=", "HttpOnly", "SameSite=Lax", "Secure");
    }

    @Test
    void aManagerSetsARepsPasswordTheRepSignsInWithItAndChangesIt() throws Exception {
        String username = "rep-" + UUID.randomUUID().toString().substring(0, 8);
        String answer = api.put().uri("/api/reps/{username}", username).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Rosa Díaz", "email", username + "@leadflow.local", "team", "latam", "active", false,
                        "monthlyCapacity", 0, "password", "rosa-password-1"))
                .retrieve().body(String.class);
        assertThat(answer).contains(username).doesNotContain("password", "rosa-password-1", "bcrypt");
        assertThat(jdbc.sql("select password_hash from rep where username = ?").param(username).query(String.class).single())
                .startsWith("{bcrypt}");
        HttpClient rosa = signedIn(username, "rosa-password-1");
        assertThat(jdbc.sql("select password_hash from rep where username = 'ana'").query(String.class).single())
                .as("the seed's password, hashed").startsWith("{bcrypt}");

        HttpResponse<String> changed = postForm(rosa, "/account/password",
                "currentPassword=rosa-password-1&newPassword=rosa-password-2&repeatPassword=rosa-password-2");
        assertThat(changed.headers().firstValue(HttpHeaders.LOCATION)).hasValueSatisfying(to -> assertThat(to).endsWith("/account/password"));
        assertThat(send(rosa, get("/account/password").build()).body()).contains("Your password is changed.");
        assertThat(signIn(browser(), username, "rosa-password-1").headers().firstValue(HttpHeaders.LOCATION))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
        signedIn(username, "rosa-password-2");
    }

    @Test
    void theDevUnsubscribeSecretIsGeneratedOnceAndKept() {
        Secret unsubscribe = new Secret("leadflow.sequence.unsubscribe-secret", "LEADFLOW_UNSUBSCRIBE_SECRET", "dev-unsubscribe-secret");
        String stored = jdbc.sql("select value from generated_secret where name = ?").param(unsubscribe.setting())
                .query(String.class).single();
        assertThat(stored).hasSizeGreaterThanOrEqualTo(43);
        assertThat(generatedSecrets.require(unsubscribe, null)).as("what a restart reads").isEqualTo(stored);
    }

    @Test
    void theOpenApiDescriptionDeclaresTheBearerKeyOnApiOperations() throws Exception {
        JsonNode description = json.readTree(send(HttpClient.newHttpClient(), get("/v3/api-docs").build()).body());
        JsonNode scheme = description.at("/components/securitySchemes/" + ApiKeyDocumentation.SCHEME);
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(description.at("/paths/~1api~1leads/post/security/0").has(ApiKeyDocumentation.SCHEME)).isTrue();
    }

    @Test
    void aBrowserGetsErrorPagesInItsLanguageWithAWayBackAndAnOrdinary403LogsNoError(CapturedOutput output) throws Exception {
        HttpClient ana = signedIn("ana", "ana");
        HttpResponse<String> forbidden = send(ana, get("/manager").header(HttpHeaders.ACCEPT, "text/html,*/*;q=0.8")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "es-CO,es;q=0.9").build());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(forbidden.body()).contains("<html lang=\"es\">", "No es para ti", "href=\"/tasks\"", "Sesión de <strong>ana</strong>");

        HttpResponse<String> missing = send(ana, get("/no-such-page").header(HttpHeaders.ACCEPT, "text/html").build());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Page not found", "href=\"/tasks\"");
        HttpResponse<String> noTask = send(ana, get("/tasks/lead/not-a-uuid").header(HttpHeaders.ACCEPT, "text/html").build());
        assertThat(noTask.statusCode()).isEqualTo(404);
        assertThat(noTask.body()).contains("Task not found");

        HttpResponse<String> api = send(ana, get("/api/reports/funnel").header(HttpHeaders.ACCEPT, "text/html").build());
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        HttpResponse<String> unknownApi = send(HttpClient.newHttpClient(), get("/api/no-such-thing")
                .header(HttpHeaders.AUTHORIZATION, "Bearer dev-api-key").header(HttpHeaders.ACCEPT, "text/html").build());
        assertThat(unknownApi.statusCode()).isEqualTo(404);
        assertThat(unknownApi.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);

        assertThat(output.getAll()).doesNotContain(" ERROR ", "Circular view path");
    }

    @Test
    void anApiCallWithoutCredentialsIs401NotACsrfRefusal() throws Exception {
        for (HttpRequest request : List.of(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/planner")).header(HttpHeaders.CONTENT_TYPE, "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/reps/ana")).header(HttpHeaders.CONTENT_TYPE, "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/simulations"))
                        .header(HttpHeaders.CONTENT_TYPE, "multipart/form-data; boundary=x").POST(HttpRequest.BodyPublishers.ofString("--x--")).build(),
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/leads/" + UUID.randomUUID() + "/nurture/re-enrol"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build())) {
            HttpResponse<String> refused = send(browser(), request);
            assertThat(refused.statusCode()).as("%s", request.uri()).isEqualTo(401);
            assertThat(refused.body()).contains("Missing or wrong API key").doesNotContain("CSRF");
        }
    }

    /** A browser session signed in through the sign-in page's form. */
    private HttpClient signedIn(String username, String password) throws Exception {
        HttpClient browser = browser();
        assertThat(signIn(browser, username, password).headers().firstValue(HttpHeaders.LOCATION)).as("%s signs in", username)
                .hasValueSatisfying(to -> assertThat(to).endsWith("/tasks"));
        return browser;
    }

    private HttpResponse<String> signIn(HttpClient browser, String username, String password) throws Exception {
        return postForm(browser, "/login", "username=" + encode(username) + "&password=" + encode(password));
    }

    /** Posts a page's form as a browser does: with the CSRF token of the page. */
    private HttpResponse<String> postForm(HttpClient browser, String path, String form) throws Exception {
        Matcher csrf = CSRF.matcher(send(browser, get(path).build()).body());
        assertThat(csrf.find()).as("the form's CSRF token on %s", path).isTrue();
        return send(browser, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + encode(csrf.group(1)))).build());
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}

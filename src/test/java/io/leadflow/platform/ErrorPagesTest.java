package io.leadflow.platform;

import io.leadflow.security.WithApiKeySecurity;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * A browser's error is a page in its language with a way back; an API client's, and anything under /api, a problem.
 * (MockMvc does not forward to /error as the server does: the forward is played here by hand.)
 */
@WebMvcTest(ProblemErrorController.class)
@WithApiKeySecurity
@Import(BrowserErrorPages.class)
class ErrorPagesTest {

    private static final RequestPostProcessor ANA = user("ana").roles("REP");

    @Autowired
    MockMvcTester mvc;

    @Test
    void aForbiddenPageInTheBrowsersLanguageWithTheWayBackToTheTasks() {
        assertThat(forwarded(403, "/manager").with(ANA).header("Accept-Language", "es-CO")).hasStatus(HttpStatus.FORBIDDEN)
                .hasContentTypeCompatibleWith(MediaType.TEXT_HTML).bodyText()
                .contains("<html lang=\"es\">", "<h1>No es para ti</h1>", "<a href=\"/tasks\">Volver a la lista de tareas</a>",
                        "Sesión de <strong>ana</strong>");
        assertThat(forwarded(404, "/nowhere").with(ANA)).hasStatus(HttpStatus.NOT_FOUND).bodyText()
                .contains("<h1>Page not found</h1>", "<a href=\"/tasks\">Back to the task list</a>");
    }

    @Test
    void aServerErrorSaysItIsLoggedAndSomeoneSignedOutIsSentToSignIn() {
        assertThat(forwarded(500, "/tasks")).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR).bodyText()
                .contains("<h1>Something went wrong</h1>", "<a href=\"/login\">Sign in</a>");
        assertThat(forwarded(418, "/tasks")).as("a status without a page of its own").hasStatus(418).bodyText()
                .contains("<h1>Something went wrong</h1>");
    }

    @Test
    void theApiAndClientsOfJsonGetAProblem() {
        assertThat(forwarded(404, "/api/nowhere")).hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson().extractingPath("$.instance").isEqualTo("/api/nowhere");
        assertThat(mvc.get().uri("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 403)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/manager").accept(MediaType.APPLICATION_JSON))
                .hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aPageNotThereIsSentToTheErrorPageForABrowserAndIsAProblemForJson() {
        var browser = mvc.get().uri("/no-such-page").with(ANA).accept(MediaType.TEXT_HTML).exchange();
        assertThat(browser).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(browser.getResponse().getContentAsByteArray()).as("left to the error page").isEmpty();
        assertThat(mvc.get().uri("/no-such-page").with(ANA).accept(MediaType.APPLICATION_JSON)).hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private MockMvcRequestBuilder forwarded(int status, String path) {
        return mvc.get().uri("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, path).accept(MediaType.TEXT_HTML);
    }
}

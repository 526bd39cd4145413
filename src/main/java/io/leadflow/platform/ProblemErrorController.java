package io.leadflow.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The container's error page (what a filter's, the server's or a page's error ends on): an RFC 9457 problem for API
 * clients, a page in the person's language with a way back for browsers. Asked for directly, /error is a page that
 * does not exist: 404, not the 500 Spring Boot answers when no error is being forwarded.
 */
@Controller
class ProblemErrorController extends BasicErrorController {

    private static final AuthenticationTrustResolver SIGNED_IN = new AuthenticationTrustResolverImpl();

    private final ObjectMapper json;

    ProblemErrorController(ErrorAttributes errorAttributes, ServerProperties server, List<ErrorViewResolver> errorViewResolvers,
                           ObjectMapper json) {
        super(errorAttributes, server.getError(), errorViewResolvers);
        this.json = json;
    }

    @Override
    protected HttpStatus getStatus(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null ? HttpStatus.NOT_FOUND : super.getStatus(request);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("instance", pathOf(request));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A browser's error page; the API's errors stay problems whatever the client accepts. */
    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = getStatus(request);
        if (BrowserErrorPages.isApi(pathOf(request))) {
            try {
                ProblemDetail problem = ProblemHandler.problem(status, status.getReasonPhrase());
                problem.setInstance(java.net.URI.create(pathOf(request)));
                ProblemHandler.write(response, json, problem);
            } catch (IOException | IllegalArgumentException e) {
                response.setStatus(status.value());
            }
            return null;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        // Someone not signed in (anonymous on /error) is shown the way to sign in, not a sign-out button.
        ModelAndView page = PageModel.of("error", request, SIGNED_IN.isAuthenticated(auth) ? auth : null);
        page.setStatus(status);
        page.addObject("status", BrowserErrorPages.PAGES.contains(status.value()) ? status.value() : HttpStatus.INTERNAL_SERVER_ERROR.value());
        return page;
    }

    private static String pathOf(HttpServletRequest request) {
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return path == null ? request.getRequestURI() : path.toString();
    }
}

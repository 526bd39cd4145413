package io.leadflow.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;

/**
 * A URL Spring Security's firewall refuses before any controller sees it (an encoded '%', '/' or '.', a control
 * character): a 400 problem naming the path, not the firewall's bare 400 without a body.
 */
@Component
public class RejectedRequestProblem implements RequestRejectedHandler {

    private final ObjectMapper json;

    RejectedRequestProblem(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) throws IOException {
        write(json, response, HttpStatus.BAD_REQUEST);
    }

    /** A refused request's answer: a 400 names the path, as the URL is all that was read of it. */
    static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status) throws IOException {
        var problem = ProblemHandler.problem(status, status == HttpStatus.BAD_REQUEST ? "The URL is malformed" : status.getReasonPhrase());
        if (status == HttpStatus.BAD_REQUEST) {
            problem.setProperty("errors", List.of(new FieldError("path", "contains characters or encodings that are not allowed")));
        }
        ProblemHandler.write(response, json, problem);
    }
}

package io.leadflow.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Every API error is an RFC 9457 problem; bad input names the fields at fault. Ordered before Spring Boot's own
 * problem details handler (order 0), which would answer an unreadable body without naming the field. Not limited to
 * leadflow's controllers: a wrong content type is refused before any controller is chosen.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler {

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return invalid(e.getMessage(), e.errors());
    }

    @ExceptionHandler(JsonProcessingException.class)
    ProblemDetail malformed(JsonProcessingException e) {
        return unreadable(e);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return e.getCause() instanceof JsonProcessingException json ? unreadable(json)
                : invalid("The body could not be read", List.of(new FieldError("body", "is missing or unreadable")));
    }

    /** Names the field where Jackson knows it: the path of a value of the wrong type, a repeated key; else "body". */
    private static ProblemDetail unreadable(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream().map(ref -> ref.getFieldName() == null ? "[" + ref.getIndex() + "]" : ref.getFieldName())
                    .reduce((a, b) -> a + "." + b).orElseThrow();
            return invalid("The body could not be read", List.of(new FieldError(field, "is malformed or of the wrong type")));
        }
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        // Jackson's StrictDuplicateDetection says so only in its message; the parser still stands on the repeated key.
        if (e instanceof StreamReadException read && read.getProcessor() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
            String field = fieldOf(read.getProcessor().getParsingContext());
            return invalid("The body repeats a key", List.of(new FieldError(field, "is given more than once" + where)));
        }
        return invalid("The body is not valid JSON", List.of(new FieldError("body", "is not valid JSON" + where)));
    }

    /** The dotted path of the key the parser was at. */
    private static String fieldOf(JsonStreamContext context) {
        List<String> path = new ArrayList<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject() && at.getCurrentName() != null) {
                path.addFirst(at.getCurrentName());
            } else if (at.inArray()) {
                path.addFirst("[" + Math.max(at.getCurrentIndex(), 0) + "]");
            }
        }
        return path.isEmpty() ? "body" : String.join(".", path);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return invalid("A parameter is malformed", List.of(new FieldError(e.getName(), "is malformed")));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content type not supported; use " + e.getSupportedMediaTypes());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ProblemDetail tooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    public static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        return problem;
    }

    /** Answers with a problem where no controller runs (a security filter, Tomcat itself). */
    public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static ProblemDetail invalid(String detail, List<FieldError> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("errors", errors);
        return problem;
    }
}

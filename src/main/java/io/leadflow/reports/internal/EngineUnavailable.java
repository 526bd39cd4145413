package io.leadflow.reports.internal;

import io.camunda.client.api.command.ClientException;
import io.leadflow.platform.ProblemHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The reports that ask the engine (or a cluster's REST API): it away or refusing is not the request's fault. */
@RestControllerAdvice(assignableTypes = {IncidentsController.class, ProcessReportController.class})
class EngineUnavailable {

    @ExceptionHandler(ClientException.class)
    ProblemDetail engineUnavailable(ClientException e) {
        return ProblemHandler.problem(HttpStatus.SERVICE_UNAVAILABLE, "The process engine did not answer: " + e.getMessage());
    }
}

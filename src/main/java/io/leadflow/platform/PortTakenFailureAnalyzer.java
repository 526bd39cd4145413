package io.leadflow.platform;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A taken port ends the start with one paragraph naming the port and the setting that moves it:
 * leadflow's own servers and the HTTP server alike (ahead of Spring Boot's analysis of the HTTP
 * port, which names no setting).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortTakenFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PortInUseException web) {
                return analysis(new PortTakenException("leadflow's HTTP server", web.getPort(), "server.port", web));
            }
            if (cause instanceof PortTakenException taken) {
                return analysis(taken);
            }
        }
        return null;
    }

    private static FailureAnalysis analysis(PortTakenException taken) {
        return new FailureAnalysis(taken.getMessage(), taken.action(), taken);
    }
}

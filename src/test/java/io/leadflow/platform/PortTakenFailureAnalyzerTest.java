package io.leadflow.platform;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationContextException;

import static org.assertj.core.api.Assertions.assertThat;

class PortTakenFailureAnalyzerTest {

    private final PortTakenFailureAnalyzer analyzer = new PortTakenFailureAnalyzer();

    @Test
    void aTakenHttpPortNamesServerPortAndItsEnvironmentVariable() {
        FailureAnalysis analysis = analyzer.analyze(
                new ApplicationContextException("Failed to start bean 'webServerStartStop'", new PortInUseException(8080)));

        assertThat(analysis.getDescription()).startsWith("Port 8080 is taken: leadflow's HTTP server cannot listen on it");
        assertThat(analysis.getAction()).isEqualTo("Stop what listens on port 8080, or move leadflow's HTTP server to a free port"
                + " with the setting server.port (environment variable SERVER_PORT).");
    }

    @Test
    void aTakenPortOfLeadflowsOwnServersNamesItsSetting() {
        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("bean creation failed",
                new PortTakenException("the embedded mail server's IMAP", 3143, "leadflow.mail.inbox.port", null)));

        assertThat(analysis.getDescription()).startsWith("Port 3143 is taken: the embedded mail server's IMAP cannot listen on it");
        assertThat(analysis.getAction()).contains("setting leadflow.mail.inbox.port (environment variable LEADFLOW_MAIL_INBOX_PORT)");
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(analyzer.analyze(new IllegalStateException("something else"))).isNull();
    }

    @Test
    void theEnvironmentVariableIsSpringBootsRelaxedForm() {
        assertThat(PortTakenException.environmentVariable("leadflow.engine.embedded.port")).isEqualTo("LEADFLOW_ENGINE_EMBEDDED_PORT");
        assertThat(PortTakenException.environmentVariable("leadflow.mail.some-port")).isEqualTo("LEADFLOW_MAIL_SOMEPORT");
    }
}

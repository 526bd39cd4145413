package io.leadflow.platform;

import io.leadflow.LeadflowApplication;
import io.leadflow.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * leadflow started for real with a production profile and the secrets application-dev.yaml ships: it stops, and says
 * which environment variable to set. The engine is remote and the mail server off, so nothing else listens meanwhile.
 */
// Captures the JVM's standard output, which test classes running beside it write to as well.
@ExtendWith(OutputCaptureExtension.class)
// Alone: a context started beside it re-creates the console appender, which then writes past the capture.
@Isolated
class MissingSecretsStartupIT {

    @Test
    void aProductionProfileWithTheShippedSecretsRefusesToStart(CapturedOutput output) {
        TestDatabase database = TestDatabase.create("leadflow_missing_secrets");
        try {
            assertThatThrownBy(() -> SpringApplication.run(LeadflowApplication.class,
                    "--spring.profiles.active=prod",
                    "--leadflow.security.api-key=dev-api-key",
                    "--leadflow.sequence.unsubscribe-secret=dev-unsubscribe-secret",
                    // Set, so the secrets shipped for dev are what stops it.
                    "--leadflow.mail.mailboxes.secret=a-team-s-own-mailbox-secret-of-enough-length",
                    "--spring.datasource.url=" + database.url(),
                    "--server.port=0",
                    "--leadflow.engine.mode=remote",
                    "--leadflow.database.embedded-fallback=false",
                    "--leadflow.mail.embedded.enabled=false",
                    "--leadflow.mail.inbox.enabled=false"))
                    .hasRootCauseInstanceOf(MissingSecretException.class);
        } finally {
            database.drop();
        }
        assertThat(output).contains("APPLICATION FAILED TO START", "is the development default",
                "set the environment variable LEADFLOW_", "run with the dev profile");
    }
}

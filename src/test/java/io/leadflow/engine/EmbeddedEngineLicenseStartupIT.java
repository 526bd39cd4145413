package io.leadflow.engine;

import io.leadflow.LeadflowApplication;
import io.leadflow.TestDatabase;
import io.leadflow.engine.EmbeddedEngineLicense.EngineLicenseNotAcceptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * leadflow started for real with a production profile, its own secrets and the embedded engine, without
 * leadflow.engine.embedded.accept-license: it stops before the engine starts, naming the setting and the licence.
 */
@ExtendWith(OutputCaptureExtension.class)
// Alone: a context started beside it re-creates the console appender, which then writes past the capture.
@Isolated
class EmbeddedEngineLicenseStartupIT {

    @TempDir
    Path dataDir;

    @Test
    void aProductionProfileWithTheEmbeddedEngineAndNoLicenceSettingRefusesToStart(CapturedOutput output) {
        TestDatabase database = TestDatabase.create("leadflow_engine_license");
        try {
            assertThatThrownBy(() -> SpringApplication.run(LeadflowApplication.class,
                    "--spring.profiles.active=prod",
                    "--leadflow.security.api-key=a-team-s-own-api-key-of-enough-length",
                    "--leadflow.sequence.unsubscribe-secret=a-team-s-own-unsubscribe-secret-of-enough-length",
                    "--leadflow.mail.mailboxes.secret=a-team-s-own-mailbox-secret-of-enough-length",
                    "--leadflow.assignment.admin-password=a-team-s-own-admin-password",
                    "--spring.datasource.url=" + database.url(),
                    "--server.port=0",
                    "--leadflow.engine.data-dir=" + dataDir,
                    "--leadflow.database.embedded-fallback=false",
                    "--leadflow.mail.embedded.enabled=false",
                    "--leadflow.mail.inbox.enabled=false"))
                    .hasRootCauseInstanceOf(EngineLicenseNotAcceptedException.class);
        } finally {
            database.drop();
        }
        assertThat(output).contains("APPLICATION FAILED TO START",
                "The embedded Zeebe engine is under the Camunda License 1.0, which grants use in non-production environments only",
                "leadflow.engine.embedded.accept-license=camunda-license-1.0-non-production",
                "leadflow.engine.mode=remote");
        assertThat(dataDir).isEmptyDirectory();
    }
}

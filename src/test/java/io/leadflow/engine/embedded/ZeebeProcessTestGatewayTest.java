package io.leadflow.engine.embedded;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.camunda.zeebe.process.test.engine.LogStreamGateway;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LogStreamGateway} lives in Zeebe Process Test's own package to extend its package-private gRPC gateway
 * (GrpcToLogStreamGateway, GatewayRequestStore, GrpcResponseMapper, CommandWriter, CommandSender, InMemoryJobStreamer),
 * which no module check sees and no semantic version protects. So it is written for one version of that library, and
 * one class of leadflow, the embedded engine, uses it.
 */
class ZeebeProcessTestGatewayTest {

    /** Before raising this, read those classes of the new version and adjust LogStreamGateway to them. */
    private static final String WRITTEN_FOR = "8.8.21";

    @Test
    void theGatewayRunsOnTheZeebeProcessTestVersionItWasWrittenFor() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = LogStreamGateway.class.getResourceAsStream("/META-INF/maven/io.camunda/zeebe-process-test-engine/pom.properties")) {
            assertThat(in).as("zeebe-process-test-engine on the class path").isNotNull();
            pom.load(in);
        }
        assertThat(pom.getProperty("version")).isEqualTo(WRITTEN_FOR);
    }

    @Test
    void onlyTheEmbeddedEngineUsesTheGateway() {
        JavaClasses leadflow = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.leadflow");
        noClasses().that().doNotHaveFullyQualifiedName(EmbeddedZeebe.class.getName())
                .should().dependOnClassesThat().resideInAPackage(LogStreamGateway.class.getPackageName())
                .check(leadflow);
    }
}

package io.leadflow.engine;

import io.leadflow.engine.EmbeddedEngineLicense.EngineLicenseNotAcceptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded engine's licence: outside the dev profile it starts only when leadflow.engine.embedded.accept-license
 * names the Camunda License 1.0 for non-production use, and then says so at WARN; without it the start is refused
 * with a message naming the setting, the licence and the way to production.
 */
@ExtendWith(OutputCaptureExtension.class)
// Alone: a Spring context started beside it re-creates the console appender, which then writes past the capture.
@Isolated
class EmbeddedEngineLicenseTest {

    private final ApplicationContextRunner leadflow = new ApplicationContextRunner()
            .withUserConfiguration(EngineStartingWithItsLicenceCheck.class);

    @Test
    void outsideDevelopmentWithoutTheSettingTheStartIsRefusedNamingTheSettingAndTheLicence() {
        for (String profile : new String[] {"prod", "default"}) {
            leadflow.withPropertyValues("spring.profiles.active=" + profile).run(context -> {
                assertThat(context).hasFailed();
                Throwable refusal = context.getStartupFailure();
                assertThat(refusal).rootCause().isInstanceOf(EngineLicenseNotAcceptedException.class)
                        .hasMessageContaining("leadflow.engine.embedded.accept-license is camunda-license-1.0-non-production")
                        .hasMessageContaining("Camunda License 1.0, which grants use in non-production environments only");
                FailureAnalysis analysis = new EngineLicenseFailureAnalyzer().analyze(refusal);
                assertThat(analysis.getDescription()).contains("leadflow.engine.embedded.accept-license", "Camunda License 1.0");
                assertThat(analysis.getAction()).contains("leadflow.engine.mode=remote",
                        "leadflow.engine.embedded.accept-license=camunda-license-1.0-non-production",
                        "LEADFLOW_ENGINE_EMBEDDED_ACCEPT_LICENSE", "Licensing and production");
            });
        }
    }

    @Test
    void withTheSettingItStartsAndWarnsNamingTheLicence(CapturedOutput output) {
        leadflow.withPropertyValues("spring.profiles.active=prod",
                        "leadflow.engine.embedded.accept-license=camunda-license-1.0-non-production")
                .run(context -> assertThat(context).hasNotFailed().hasBean("embeddedEngine"));
        assertThat(output).containsPattern("WARN.*The embedded Zeebe engine runs under the Camunda License 1.0, "
                + "which grants use in non-production environments only \\(leadflow.engine.embedded.accept-license="
                + "camunda-license-1.0-non-production\\)");
    }

    @Test
    void theDevProfileStartsItWithANote(CapturedOutput output) {
        leadflow.withPropertyValues("spring.profiles.active=dev")
                .run(context -> assertThat(context).hasNotFailed().hasBean("embeddedEngine"));
        assertThat(output).contains("The embedded Zeebe engine is under the Camunda License 1.0");
    }

    @Test
    void aValueNamingNoLicenceItKnowsIsRefusedAtBinding() {
        leadflow.withPropertyValues("spring.profiles.active=prod", "leadflow.engine.embedded.accept-license=yes")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("leadflow.engine.embedded.accept-license"));
    }

    /** The embedded engine's bean as EmbeddedEngineConfiguration starts it, its licence check first, without the engine. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EngineProperties.class)
    static class EngineStartingWithItsLicenceCheck {

        @Bean
        Object embeddedEngine(EngineProperties properties, Environment environment) {
            EmbeddedEngineLicense.check(environment, properties.embedded());
            return new Object();
        }
    }
}

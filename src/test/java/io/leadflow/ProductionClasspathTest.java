package io.leadflow;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.leadflow.email.MailProperties;
import io.leadflow.engine.EngineProperties;
import io.leadflow.platform.PlatformProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the production jar is without the development harness (src/dev): leadflow's own classes never reach the
 * harness or its libraries (so they load without them), and its settings without the harness's defaults take the
 * remote engine and no embedded mail server or database. ProductionStartIT starts it so.
 */
class ProductionClasspathTest {

    @Test
    void leadflowsClassesNeverReachTheHarnessOrItsLibraries() {
        DescribedPredicate<JavaClass> harness = DescribedPredicate.describe("are the development harness or its libraries",
                type -> DevelopmentHarness.contains(type.getName()) || DevelopmentHarness.isLibrary(type.getName()));
        DescribedPredicate<JavaClass> leadflows = DescribedPredicate.describe("are leadflow's own", type -> !harness.test(type));
        // The names of the classes leadflow's refer to are enough: the libraries' own classes need not be read.
        ArchConfiguration.withThreadLocalScope(configuration -> {
            configuration.setResolveMissingDependenciesFromClassPath(false);
            JavaClasses classes = new ClassFileImporter().importPath(Path.of("target", "classes"));

            assertThat(classes.stream().filter(harness)).as("the harness compiled into target/classes").isNotEmpty();
            noClasses().that(leadflows).should().dependOnClassesThat(harness).check(classes);
        });
    }

    @Test
    void withoutTheHarnessTheEngineIsRemoteAndNothingEmbeddedStarts() throws IOException {
        Binder production = binder("application.yaml");

        assertThat(production.bindOrCreate("leadflow.engine", EngineProperties.class).mode()).isEqualTo(EngineProperties.Mode.REMOTE);
        assertThat(production.bindOrCreate("leadflow.mail", MailProperties.class).embedded().enabled()).isFalse();
        assertThat(production.bindOrCreate("leadflow", PlatformProperties.class).database().embeddedFallback()).isFalse();
    }

    @Test
    void theDevelopmentBuildRunsEverythingOnOneMachine() throws IOException {
        Binder development = binder("development-defaults.yaml", "application.yaml");

        assertThat(development.bindOrCreate("leadflow.engine", EngineProperties.class).mode()).isEqualTo(EngineProperties.Mode.EMBEDDED);
        assertThat(development.bindOrCreate("leadflow.mail", MailProperties.class).embedded().enabled()).isTrue();
        assertThat(development.bindOrCreate("leadflow", PlatformProperties.class).database().embeddedFallback()).isTrue();
        assertThat(new ClassPathResource("application.yaml").getContentAsString(StandardCharsets.UTF_8))
                .contains("import: optional:classpath:development-defaults.yaml");
    }

    /** The settings of these files, the first one winning. */
    private static Binder binder(String... files) throws IOException {
        List<PropertySource<?>> sources = new ArrayList<>();
        for (String file : files) {
            sources.addAll(new YamlPropertySourceLoader().load(file, new ClassPathResource(file)));
        }
        return new Binder(ConfigurationPropertySources.from(sources));
    }
}

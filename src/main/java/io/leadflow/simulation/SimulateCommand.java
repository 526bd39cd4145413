package io.leadflow.simulation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar leadflow.jar simulate …}: a simulation from the command line. It starts no web server, no live
 * engine, no worker, no mail and no scheduled task: only what a simulation reads (the leads, their timelines, the reps,
 * the calendar, the mailboxes' sending limits, enrichment's reference data) from the configured database, which it
 * never writes. The replay itself runs on sandbox engines, as the API's does.
 */
public final class SimulateCommand {

    /** The first argument that runs this command instead of leadflow. */
    public static final String NAME = "simulate";

    private SimulateCommand() {
    }

    /**
     * Runs the command; {@code args} are its own ({@code --models <dir>}, …) and any {@code --spring.*=…} or
     * {@code --leadflow.*=…} setting.
     *
     * @return the exit code: 0 done, 2 bad input (the message says which), 1 the simulation failed
     */
    public static int run(String... args) {
        SpringApplication application = new SpringApplication(Context.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        // Nothing of the live schema changes under a command that only reads it.
        application.setDefaultProperties(Map.of("spring.flyway.enabled", "false", "logging.level.root", "WARN",
                "logging.level.io.camunda", "ERROR", "logging.level.io.atomix", "ERROR"));
        List<String> settings = Arrays.stream(args).filter(SimulateCommand::isSetting).toList();
        List<String> own = Arrays.stream(args).filter(arg -> !isSetting(arg)).toList();
        try (ConfigurableApplicationContext context = application.run(settings.toArray(String[]::new))) {
            return context.getBean(Command.class).run(own);
        }
    }

    private static boolean isSetting(String arg) {
        return (arg.startsWith("--spring.") || arg.startsWith("--leadflow.") || arg.startsWith("--logging.")) && arg.contains("=");
    }

    /** What the command runs: the simulation of its arguments, answering the exit code. */
    public interface Command {
        int run(List<String> args);
    }

    /**
     * The beans a simulation reads with, picked by name: component scanning of the whole application would start it all.
     * Not a {@code @Configuration}, so the application's own scan passes it over.
     */
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
            JdbcClientAutoConfiguration.class, JacksonAutoConfiguration.class, ValidationAutoConfiguration.class})
    @ConfigurationPropertiesScan("io.leadflow")
    @ComponentScan(basePackages = "io.leadflow", useDefaultFilters = false, includeFilters = @ComponentScan.Filter(
            type = FilterType.REGEX, pattern = {
            "io\\.leadflow\\.simulation\\.internal\\.(Simulator|LeadHistory|LeadFile|SimulationCommand)",
            "io\\.leadflow\\.lead\\.(Leads|Timeline)", "io\\.leadflow\\.lead\\.internal\\.(LeadRepository|LeadMetrics)",
            "io\\.leadflow\\.assignment\\.RepDirectory", "io\\.leadflow\\.assignment\\.internal\\.DirectoryRepository",
            "io\\.leadflow\\.calendar\\.BusinessHoursCalendar", "io\\.leadflow\\.sequence\\.SequenceConfiguration",
            "io\\.leadflow\\.email\\.(EmailTemplateCatalog|SendingLimits)", "io\\.leadflow\\.sequence\\.SequenceTemplates",
            "io\\.leadflow\\.intake\\.internal\\.(LeadCsvReader|LeadValidator)",
            "io\\.leadflow\\.enrichment\\.EnrichmentService",
            "io\\.leadflow\\.enrichment\\.internal\\.(RoleClassifier|SignalStrengths|ReferenceFileEnrichmentProvider)",
            "io\\.leadflow\\.platform\\.(Json|RequestJson|ClockConfiguration|PasswordHashing)"}))
    static class Context {

        /** Counters the read services keep, kept here in memory and dropped at the end. */
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}

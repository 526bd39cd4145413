package io.leadflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container stack parses, leadflow's service points every external connection at a service of the stack, listens
 * beyond its container and requires its secrets.
 */
class DockerComposeTest {

    @Test
    @SuppressWarnings("unchecked")
    void theStackNamesEveryServiceLeadflowConnectsTo() throws IOException {
        Map<String, Object> compose = yaml(Path.of("docker-compose.yml"));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("camunda", "postgres", "mail", "leadflow");

        Map<String, String> env = (Map<String, String>) services.get("leadflow").get("environment");
        assertThat(env).containsEntry("LEADFLOW_ENGINE_MODE", "remote");
        // Reachable from outside its container; no secret falls back to a default.
        assertThat(env).containsEntry("LEADFLOW_HTTP_ADDRESS", "0.0.0.0");
        for (String secret : secrets()) {
            assertThat(env.get(secret)).as(secret).isEqualTo("${" + secret + ":?set it}");
        }
        assertThat(services).containsKeys(
                URI.create(env.get("CAMUNDA_CLIENT_GRPC_ADDRESS")).getHost(),
                URI.create(env.get("CAMUNDA_CLIENT_REST_ADDRESS")).getHost(),
                URI.create(env.get("SPRING_DATASOURCE_URL").substring("jdbc:".length())).getHost(),
                env.get("SPRING_MAIL_HOST"),
                env.get("LEADFLOW_MAIL_INBOX_HOST"));
        for (String service : new String[] {"postgres", "prometheus", "grafana"}) {
            // A bind mount (a path) must exist in the repository; a named volume is Docker's.
            for (Object volume : (List<Object>) services.get(service).get("volumes")) {
                if (((String) volume).startsWith("./")) {
                    assertThat(Path.of(((String) volume).split(":")[0])).as("%s mounts %s", service, volume).exists();
                }
            }
        }
    }

    /**
     * Every variable leadflow's service sets is one leadflow reads: a setting of its own records, Spring Boot's or the
     * Camunda client's (their metadata, in the environment's spelling), or a variable application.yaml names.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyVariableOfLeadflowsServiceIsASettingLeadflowReads() throws IOException {
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) yaml(Path.of("docker-compose.yml")).get("services");
        Set<String> read = new TreeSet<>(variablesOfApplicationYaml().keySet());
        for (Resource metadata : new PathMatchingResourcePatternResolver().getResources("classpath*:META-INF/*spring-configuration-metadata.json")) {
            try (InputStream in = metadata.getInputStream()) {
                for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
                    String name = property.get("name").asText().toUpperCase(Locale.ROOT).replace('.', '_');
                    // Spring Boot reads a dashed setting's variable without the dash or with an underscore for it.
                    read.add(name.replace("-", ""));
                    read.add(name.replace('-', '_'));
                }
            }
        }

        assertThat(read).contains("SPRING_DATASOURCE_URL", "CAMUNDA_CLIENT_GRPC_ADDRESS", "LEADFLOW_ENGINE_MODE");
        assertThat(((Map<String, String>) services.get("leadflow").get("environment")).keySet())
                .allSatisfy(variable -> assertThat(read).as("leadflow reads %s", variable).contains(variable));
    }

    /** The secrets: the variables application.yaml reads with nothing as their default. */
    private static Set<String> secrets() throws IOException {
        Set<String> secrets = new TreeSet<>();
        variablesOfApplicationYaml().forEach((variable, fallback) -> {
            if (fallback.isEmpty()) {
                secrets.add(variable);
            }
        });
        assertThat(secrets).as("the secrets application.yaml reads").contains("LEADFLOW_API_KEY");
        return secrets;
    }

    /** The environment variables application.yaml reads ({@code ${NAME:fallback}}), with their fallbacks. */
    private static Map<String, String> variablesOfApplicationYaml() throws IOException {
        Map<String, String> variables = new TreeMap<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}")
                .matcher(Files.readString(Path.of("src", "main", "resources", "application.yaml")));
        while (matcher.find()) {
            variables.put(matcher.group(1), matcher.group(2));
        }
        return variables;
    }

    /** On the host, what answers without credentials is published on loopback only; Grafana's password is required. */
    @Test
    @SuppressWarnings("unchecked")
    void onlyServicesThatAskForCredentialsArePublishedBeyondLoopback() throws IOException {
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) yaml(Path.of("docker-compose.yml")).get("services");
        services.forEach((name, service) -> {
            for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
                if (!name.equals("leadflow") && !name.equals("grafana")) {
                    assertThat((String) port).as("%s publishes %s", name, port).startsWith("127.0.0.1:");
                }
            }
        });
        assertThat((Map<String, String>) services.get("grafana").get("environment"))
                .containsEntry("GF_SECURITY_ADMIN_PASSWORD", "${GRAFANA_ADMIN_PASSWORD:?set it}");
    }

    /**
     * Prometheus scrapes leadflow's service with the token leadflow requires, and Grafana gets Prometheus as its data
     * source and the dashboard from the repository.
     */
    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesLeadflowWithTheMetricsTokenAndGrafanaShowsTheDashboard() throws IOException {
        Map<String, Object> compose = yaml(Path.of("docker-compose.yml"));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, Object> tokenConfig = ((Map<String, Map<String, Object>>) compose.get("configs")).get("leadflow-metrics-token");
        assertThat(tokenConfig).containsEntry("content", "${LEADFLOW_METRICS_TOKEN:?set it}");

        Map<String, Object> prometheus = yaml(Path.of("src/main/docker/prometheus.yml"));
        Map<String, Object> job = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).getFirst();
        assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
        String tokenFile = (String) ((Map<String, Object>) job.get("authorization")).get("credentials_file");
        assertThat((List<Map<String, Object>>) services.get("prometheus").get("configs"))
                .anySatisfy(config -> assertThat(config).containsEntry("source", "leadflow-metrics-token").containsEntry("target", tokenFile));
        String target = ((List<String>) ((List<Map<String, Object>>) job.get("static_configs")).getFirst().get("targets")).getFirst();
        assertThat(services).containsKey(target.split(":")[0]);

        Map<String, Object> datasources = yaml(Path.of("src/main/docker/grafana/provisioning/datasources/prometheus.yml"));
        Map<String, Object> datasource = ((List<Map<String, Object>>) datasources.get("datasources")).getFirst();
        assertThat(URI.create((String) datasource.get("url")).getHost()).isEqualTo("prometheus");
        assertThat(Files.readString(Path.of("src/main/docker/grafana/dashboards/leadflow.json")))
                .contains("\"uid\": \"" + datasource.get("uid") + "\"");
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }
}

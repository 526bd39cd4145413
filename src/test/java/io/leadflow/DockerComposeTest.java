package io.leadflow;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The container stack parses, and leadflow's service points every external connection at a service of the stack. */
class DockerComposeTest {

    @Test
    @SuppressWarnings("unchecked")
    void theStackNamesEveryServiceLeadflowConnectsTo() throws IOException {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("camunda", "postgres", "mail", "leadflow");
        assertThat((String) services.get("camunda").get("image")).startsWith("camunda/camunda:8.9");

        Map<String, String> env = (Map<String, String>) services.get("leadflow").get("environment");
        assertThat(env).containsEntry("LEADFLOW_ENGINE_MODE", "remote").containsEntry("LEADFLOW_MAIL_EMBEDDED_ENABLED", "false");
        assertThat(services).containsKeys(
                URI.create(env.get("CAMUNDA_CLIENT_GRPC_ADDRESS")).getHost(),
                URI.create(env.get("CAMUNDA_CLIENT_REST_ADDRESS")).getHost(),
                URI.create(env.get("SPRING_DATASOURCE_URL").substring("jdbc:".length())).getHost(),
                env.get("SPRING_MAIL_HOST"),
                env.get("LEADFLOW_MAIL_INBOX_HOST"));
        assertThat(Path.of(((String) ((java.util.List<Object>) services.get("postgres").get("volumes")).getFirst()).split(":")[0]))
                .exists();
    }
}

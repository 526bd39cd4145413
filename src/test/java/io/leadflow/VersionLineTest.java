package io.leadflow;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.yaml.snakeyaml.Yaml;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One Camunda line for the client, the embedded engine and the cluster of docker-compose.yml: pom.xml's two versions
 * share their minor line, the cluster's image runs the engine's patch, and docs/production.md states both.
 */
class VersionLineTest {

    @Test
    @SuppressWarnings("unchecked")
    void theClientTheEngineAndTheComposeClusterAreOnOneLine() throws Exception {
        Element properties = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile()).getDocumentElement().getElementsByTagName("properties").item(0);
        String client = properties.getElementsByTagName("camunda.version").item(0).getTextContent().strip();
        String engine = properties.getElementsByTagName("zeebe-engine.version").item(0).getTextContent().strip();

        Map<String, Map<String, Object>> services;
        try (Reader compose = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            services = (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(compose).get("services");
        }
        String cluster = (String) services.get("camunda").get("image");

        assertThat(line(client)).as("client %s and engine %s", client, engine).isEqualTo(line(engine));
        assertThat(cluster).isEqualTo("camunda/camunda:" + engine);
        assertThat(Files.readString(Path.of("docs/production.md")))
                .contains("Camunda " + line(engine) + " line", "client " + client, "engine " + engine);
    }

    /** 8.8.21 → 8.8 */
    private static String line(String version) {
        return version.substring(0, version.lastIndexOf('.'));
    }
}

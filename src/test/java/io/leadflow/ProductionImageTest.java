package io.leadflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.Yaml;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production image's base is wrapped as the image Jib takes (`docker save`'s layout), and the production build
 * builds on it the image docker-compose.yml runs. Building the base itself needs root and Debian's mirror, so
 * {@code mvn verify} wraps a tiny root file system instead (docs/production.md: "The production artifact").
 */
class ProductionImageTest {

    private static final Path SCRIPT = Path.of("src/main/image/base-image.sh");

    @Test
    void theBaseImageScriptWrapsARootFileSystemAsAOneLayerImage(@TempDir Path dir) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/usr/bin"));
        Path java = Files.writeString(tree.resolve("java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(dir.resolve("tree/bin"), Path.of("usr/bin"));
        Path rootfs = dir.resolve("rootfs.tar");
        run("tar", "--create", "--file", rootfs.toString(), "--directory", dir.resolve("tree").toString(), ".");

        Path image = dir.resolve("base-image.tar");
        run("bash", SCRIPT.toString(), "--pack", rootfs.toString(), image.toString());
        Path unpacked = Files.createDirectories(dir.resolve("image"));
        run("tar", "--extract", "--file", image.toString(), "--directory", unpacked.toString());

        JsonNode manifest = new ObjectMapper().readTree(unpacked.resolve("manifest.json").toFile()).get(0);
        assertThat(manifest.path("RepoTags").get(0).asText()).startsWith("leadflow-base:");
        String configFile = manifest.path("Config").asText();
        Path layer = unpacked.resolve(manifest.path("Layers").get(0).asText());
        assertThat(manifest.path("Layers")).hasSize(1);
        // The layer is the root file system as it was (modes, links, owners), named in the configuration by its digest,
        // and the configuration by its own: what Jib checks when it reads a base image from a tarball.
        assertThat(Files.readAllBytes(layer)).isEqualTo(Files.readAllBytes(rootfs));
        assertThat(configFile).isEqualTo(sha256(unpacked.resolve(configFile)) + ".json");
        JsonNode config = new ObjectMapper().readTree(unpacked.resolve(configFile).toFile());
        assertThat(config.path("rootfs").path("diff_ids").get(0).asText()).isEqualTo("sha256:" + sha256(layer));
        assertThat(config.path("os").asText()).isEqualTo("linux");
        assertThat(config.path("architecture").asText()).isEqualTo("amd64");
        assertThat(config.path("config").path("User").asText()).isEqualTo("1000:1000");

        // One root file system, one image, byte for byte.
        Path again = dir.resolve("again.tar");
        run("bash", SCRIPT.toString(), "--pack", rootfs.toString(), again.toString());
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(image));
    }

    @Test
    void theProductionBuildBuildsOnThatBaseTheImageTheStackRuns() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();
        String production = "/project/profiles/profile[id='production']/build/plugins/plugin";
        String jib = production + "[artifactId='jib-maven-plugin']/configuration";
        assertThat(xpath.evaluate(production + "[artifactId='exec-maven-plugin']//arguments", pom))
                .contains(SCRIPT.toString(), "${project.build.directory}/base-image.tar");
        assertThat(xpath.evaluate(jib + "/from/image", pom)).isEqualTo("tar://${project.build.directory}/base-image.tar");
        assertThat(xpath.evaluate(jib + "/container/user", pom)).doesNotStartWith("0").isNotBlank();

        String image = xpath.evaluate(jib + "/to/image", pom).replace("${project.version}", xpath.evaluate("/project/version", pom));
        try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            Map<String, Map<String, Map<String, Object>>> compose = new Yaml().load(reader);
            assertThat(compose.get("services").get("leadflow").get("image")).isEqualTo(image);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

package io.leadflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented settings and the modules' typed settings records agree: every {@code leadflow.*} key
 * the README or a page of {@code docs/} names exists, and every key the records declare (from the generated
 * metadata) is named there, by name or by its group ({@code leadflow.engine.*}).
 */
class SettingsDocumentationTest {

    private static final Pattern DOCUMENTED = Pattern.compile("`(leadflow(?:\\.[a-z][a-z0-9-]*)+(?:\\.\\*)?)");

    @Test
    void theDocsNameEverySettingAndOnlySettingsThatExist() throws IOException {
        Set<String> declared = declaredSettings();
        Set<String> documented = new TreeSet<>();
        Matcher matcher = DOCUMENTED.matcher(Documentation.text(Documentation.manual()));
        while (matcher.find()) {
            documented.add(matcher.group(1));
        }

        assertThat(documented).allSatisfy(key -> assertThat(declared)
                .as("the docs name %s", key).anyMatch(setting -> covers(key, setting)));
        assertThat(declared).allSatisfy(setting -> assertThat(documented)
                .as("the docs leave out %s", setting).anyMatch(key -> covers(key, setting)));
    }

    private static boolean covers(String documented, String setting) {
        return documented.endsWith(".*")
                ? setting.startsWith(documented.substring(0, documented.length() - 1))
                : setting.equals(documented);
    }

    private static Set<String> declaredSettings() throws IOException {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            Set<String> names = new TreeSet<>();
            for (JsonNode property : new ObjectMapper().readTree(in).get("properties")) {
                names.add(property.get("name").asText());
            }
            assertThat(names).as("the settings records' metadata").isNotEmpty();
            return names;
        }
    }
}

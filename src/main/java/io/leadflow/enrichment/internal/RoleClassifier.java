package io.leadflow.enrichment.internal;

import io.leadflow.lead.Personas;
import io.leadflow.platform.ReferenceFile;
import org.springframework.stereotype.Component;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Job title → role → persona, from the ordered rules in enrichment/roles.txt and {@link Personas}. */
@Component
public class RoleClassifier {

    public static final String OTHER = "OTHER";

    private final Map<String, Pattern> roles = new LinkedHashMap<>();

    public RoleClassifier() {
        for (String line : ReferenceFile.lines("enrichment/roles.txt")) {
            int equals = line.indexOf('=');
            roles.put(line.substring(0, equals).strip(), Pattern.compile(line.substring(equals + 1).strip()));
        }
    }

    public String role(String jobTitle) {
        if (jobTitle == null) {
            return OTHER;
        }
        String title = Normalizer.normalize(jobTitle, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return roles.entrySet().stream()
                .filter(rule -> rule.getValue().matcher(title).find())
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(OTHER);
    }

    public String persona(String role) {
        return Personas.ofRole(role);
    }
}

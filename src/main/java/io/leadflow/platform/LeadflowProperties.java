package io.leadflow.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/** Who works in leadflow: reps with their territories, and managers. */
@ConfigurationProperties(prefix = "leadflow")
public record LeadflowProperties(String apiKey, String baseUrl, List<Person> reps, List<Person> managers) {

    public LeadflowProperties {
        reps = reps == null ? List.of() : List.copyOf(reps);
        managers = managers == null ? List.of() : List.copyOf(managers);
    }

    public record Person(String username, String name, String email, String password, List<String> territories) {
        public Person {
            territories = territories == null ? List.of() : List.copyOf(territories);
        }
    }
}

package io.leadflow.handoff;

import io.leadflow.platform.LeadflowProperties;
import io.leadflow.platform.LeadflowProperties.Person;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The reps and their territories, from configuration. */
@Component
public class RepDirectory {

    private final LeadflowProperties properties;
    private final String defaultRep;

    RepDirectory(LeadflowProperties properties, @Value("${leadflow.handoff.default-rep}") String defaultRep) {
        this.properties = properties;
        this.defaultRep = defaultRep;
        if (rep(defaultRep).isEmpty()) {
            throw new IllegalStateException("leadflow.handoff.default-rep '" + defaultRep + "' is not one of leadflow.reps");
        }
    }

    /** The rep whose territory holds the country, else the default rep. */
    public Person repFor(String country) {
        return properties.reps().stream()
                .filter(rep -> country != null && rep.territories().contains(country))
                .findFirst()
                .orElseGet(() -> rep(defaultRep).orElseThrow());
    }

    public Optional<Person> rep(String username) {
        return properties.reps().stream().filter(rep -> rep.username().equals(username)).findFirst();
    }
}

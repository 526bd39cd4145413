package io.leadflow.assignment;

import io.leadflow.assignment.AssignmentProperties.Person;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** The reps with their territories, and the managers, from configuration. */
@Component
public class RepDirectory {

    private final AssignmentProperties settings;

    RepDirectory(AssignmentProperties settings) {
        this.settings = settings;
        if (rep(settings.defaultRep()).isEmpty()) {
            throw new IllegalStateException("leadflow.assignment.default-rep '" + settings.defaultRep()
                    + "' is not one of leadflow.assignment.reps");
        }
    }

    /** The rep whose territory holds the country, else the default rep. */
    public Person repFor(String country) {
        return settings.reps().stream()
                .filter(rep -> country != null && rep.territories().contains(country))
                .findFirst()
                .orElseGet(() -> rep(settings.defaultRep()).orElseThrow());
    }

    public Optional<Person> rep(String username) {
        return settings.reps().stream().filter(rep -> rep.username().equals(username)).findFirst();
    }

    public List<Person> reps() {
        return settings.reps();
    }

    public List<Person> managers() {
        return settings.managers();
    }
}

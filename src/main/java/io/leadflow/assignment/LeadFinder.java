package io.leadflow.assignment;

import io.leadflow.lead.AttemptedLeads;
import io.leadflow.lead.LeadSearch;
import io.leadflow.lead.LeadSelection;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds leads for a person: managers and machines (the API key) see every lead, a rep only the leads they own. The
 * team filter is the team's reps' leads, which is why the directory answers it.
 */
@Service
public class LeadFinder {

    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 100;
    private static final int MAX_TEXT = 200;
    private static final String NOT_A_STEP = "is not a sequence step (a whole number from 1)";

    /**
     * A search as a URL gives it, every value text (blank: not given): {@code q} in name, email or company, then the
     * filters, {@code step} and {@code template} the leads whose attempt at that sequence step or with that email
     * template was made; {@code cursor} the previous page's {@code next}, {@code size} 1 to {@value #MAX_SIZE}.
     */
    public record Query(String q, String stage, String owner, String team, String source, String type, String step,
                        String template, String cursor, String size) {

        public static Query none() {
            return new Query(null, null, null, null, null, null, null, null, null, null);
        }
    }

    private final Leads leads;
    private final RepDirectory reps;
    private final AttemptedLeads attempted;

    LeadFinder(Leads leads, RepDirectory reps, AttemptedLeads attempted) {
        this.leads = leads;
        this.reps = reps;
        this.attempted = attempted;
    }

    /**
     * A page of the leads the query finds that {@code viewer} may see (null: every lead).
     *
     * @throws InvalidRequestException naming each parameter at fault
     */
    public LeadSearch.Result find(Query query, String viewer) {
        List<FieldError> errors = new ArrayList<>();
        String text = given(query.q());
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new FieldError("q", "is longer than " + MAX_TEXT + " characters"));
        }
        LeadStage stage = named("stage", query.stage(), LeadStage.class, errors);
        LeadType type = named("type", query.type(), LeadType.class, errors);
        Set<String> owners = viewer == null ? null : Set.of(viewer);
        String owner = given(query.owner());
        if (owner != null) {
            owners = only(owners, Set.of(owner));
        }
        String team = given(query.team());
        if (team != null) {
            Set<String> teamReps = reps.repsOf(team).orElse(null);
            if (teamReps == null) {
                errors.add(new FieldError("team", "is not a team"));
            } else {
                owners = only(owners, teamReps);
            }
        }
        Integer step = parsed("step", query.step(), Integer::valueOf, NOT_A_STEP, errors);
        if (step != null && step < 1) {
            errors.add(new FieldError("step", NOT_A_STEP));
        }
        String template = given(query.template());
        if (template != null && template.length() > MAX_TEXT) {
            errors.add(new FieldError("template", "is longer than " + MAX_TEXT + " characters"));
        }
        LeadSearch.Cursor after = parsed("cursor", query.cursor(), LeadSearch.Cursor::of, "is not the next page's cursor", errors);
        Integer size = parsed("size", query.size(), Integer::valueOf, "is not a whole number from 1 to " + MAX_SIZE, errors);
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            errors.add(new FieldError("size", "is not a whole number from 1 to " + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The search has parameters at fault", errors);
        }
        LeadSelection among = step == null && template == null ? LeadSelection.EVERY : attempted.attempted(step, template);
        return leads.search(new LeadSearch(text, stage, owners, given(query.source()), type, among, after,
                size == null ? DEFAULT_SIZE : size));
    }

    private static Set<String> only(Set<String> owners, Set<String> these) {
        if (owners == null) {
            return these;
        }
        Set<String> both = new HashSet<>(owners);
        both.retainAll(these);
        return both;
    }

    private static <E extends Enum<E>> E named(String field, String value, Class<E> type, List<FieldError> errors) {
        return parsed(field, value == null ? null : value.toUpperCase(Locale.ROOT), name -> Enum.valueOf(type, name),
                "is not one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()), errors);
    }

    private static <T> T parsed(String field, String value, Function<String, T> parse, String problem, List<FieldError> errors) {
        String given = given(value);
        if (given == null) {
            return null;
        }
        try {
            return parse.apply(given);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, problem));
            return null;
        }
    }

    private static String given(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

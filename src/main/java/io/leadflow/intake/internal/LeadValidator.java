package io.leadflow.intake.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.platform.RequestJson;
import io.leadflow.platform.SafeText;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Component;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a lead's fields (a JSON body, a CSV row, a researched contact) into a {@link LeadSubmission}, or names every
 * field at fault, one fault a field, in the request's order: Jackson binds the {@link LeadRequest}, Bean Validation
 * checks its fields' shapes, the request its rules. All checks run before anything is stored, so a bad lead is never
 * half-stored.
 */
@Component
class LeadValidator {

    /** Of a field's faults the one named: its text's (printable, length) before its format's. */
    private static final List<Class<? extends Annotation>> FIRST_FAULTS = List.of(SafeText.class, Size.class, NotNull.class);
    private static final List<String> FIELDS = LeadRequest.fieldNames();

    private final RequestJson json;
    private final Validator validator;

    LeadValidator(RequestJson json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** The answer to a lead with fields at fault, from the API or a CSV row. */
    static InvalidRequestException invalidLead(List<FieldError> errors) {
        return new InvalidRequestException("The lead has fields at fault", errors);
    }

    /** A JSON body's lead: a number must be a number, text must be text. */
    LeadSubmission validate(ObjectNode body) {
        return validate(json.bind(body, LeadRequest.class));
    }

    /** A CSV row: every cell is text, so a number comes as its digits and a list as entries separated by '|'. */
    LeadSubmission validateCsvRow(Map<String, String> row) {
        Map<String, Object> cells = new LinkedHashMap<>(row);
        cells.computeIfPresent(LeadRequest.PAGES_VIEWED, (field, pages) -> List.of(((String) pages).split("\\|", -1)));
        return validate(json.bindText(cells, LeadRequest.class));
    }

    /** A lead made of typed fields (a researched contact). */
    LeadSubmission validate(LeadRequest request) {
        return validate(new RequestJson.Binding<>(request, List.of()));
    }

    private LeadSubmission validate(RequestJson.Binding<LeadRequest> bound) {
        Map<String, FieldError> faults = new LinkedHashMap<>();
        bound.errors().forEach(error -> faults.putIfAbsent(error.field(), error));
        validator.validate(bound.value()).stream()
                .sorted(Comparator.comparingInt(LeadValidator::rank).thenComparing(ConstraintViolation::getMessage))
                .map(FieldError::of).forEach(error -> faults.putIfAbsent(error.field(), error));
        List<FieldError> errors = new ArrayList<>(faults.values());
        Set<String> atFault = new HashSet<>(faults.keySet());
        LeadSubmission submission = bound.value().submission(atFault, errors::add);
        if (!errors.isEmpty()) {
            // Unknown fields first, then in the request's order.
            errors.sort(Comparator.comparingInt(error -> FIELDS.indexOf(error.field())));
            throw invalidLead(errors);
        }
        return submission;
    }

    private static int rank(ConstraintViolation<?> violation) {
        int rank = FIRST_FAULTS.indexOf(violation.getConstraintDescriptor().getAnnotation().annotationType());
        return rank < 0 ? FIRST_FAULTS.size() : rank;
    }
}

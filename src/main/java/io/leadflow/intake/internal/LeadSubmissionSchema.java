package io.leadflow.intake.internal;

import io.leadflow.lead.LeadDetails;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadType;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The API description of a submitted lead, made from {@link LeadFacts} (flat, as the API and the CSV
 * import take it), so the documented fields are always the ones validated and stored.
 */
@Component
class LeadSubmissionSchema implements OpenApiCustomizer {

    static final String NAME = "LeadSubmission";

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        Schema<Object> lead = new ObjectSchema();
        lead.addProperty(LeadValidator.TYPE, new StringSchema()._enum(Arrays.stream(LeadType.values()).map(Enum::name).toList()));
        lead.addRequiredItem(LeadValidator.TYPE);
        Stream.concat(Arrays.stream(LeadFacts.class.getRecordComponents()), Arrays.stream(LeadDetails.class.getRecordComponents()))
                .filter(component -> component.getType() != LeadDetails.class)
                .forEach(component -> lead.addProperty(component.getName(), schemaOf(component)));
        openApi.getComponents().addSchemas(NAME, lead);
    }

    private static Schema<?> schemaOf(RecordComponent component) {
        if (component.getType() == Integer.class) {
            return new IntegerSchema();
        }
        if (component.getType() == List.class) {
            return new ArraySchema().items(new StringSchema());
        }
        return new StringSchema();
    }
}

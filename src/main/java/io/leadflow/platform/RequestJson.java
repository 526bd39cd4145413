package io.leadflow.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How request bodies are read: strictly. A repeated key, a number given as a string (or a string as a number, a
 * number as a boolean or an enum) and anything after the document are refused, so what a client meant is never
 * guessed. Only request bodies: jsonb columns, the engine's variables and answers keep the application's mapper.
 * A request record is bound with every field at fault named at once ({@link #bind}): Jackson stops at the first, so
 * each field it refuses is named and left out, and the rest bound again.
 */
@Component
public class RequestJson implements WebMvcConfigurer {

    private final ObjectMapper strict;
    /** For text cells (a CSV row): a number comes as its digits, so a string may be read as one. */
    private final ObjectMapper cells;

    RequestJson(ObjectMapper mapper) {
        this.strict = strict(mapper);
        this.cells = mapper.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }

    /**
     * A request record Jackson binds; the fields it cannot bind (unknown, or of the wrong type) are named in
     * {@code errors} and left out of {@code value} (null), so the record's own checks can run on the rest.
     */
    public record Binding<R extends Record>(R value, List<FieldError> errors) {
    }

    /** A JSON object's fields bound to the record, strictly as bodies are read. */
    public <R extends Record> Binding<R> bind(ObjectNode fields, Class<R> type) {
        return bind(strict, fields.deepCopy(), type);
    }

    /** Text cells (a CSV row's, by column name; a list as a list of texts) bound to the record: digits are a number. */
    public <R extends Record> Binding<R> bindText(Map<String, ?> cells, Class<R> type) {
        return bind(this.cells, this.cells.valueToTree(cells), type);
    }

    private static <R extends Record> Binding<R> bind(ObjectMapper mapper, ObjectNode fields, Class<R> type) {
        ObjectReader reader = mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<FieldError> errors = new ArrayList<>();
        while (true) {
            try {
                return new Binding<>(reader.readValue(fields), errors);
            } catch (IOException e) {
                String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                        ? mapping.getPath().getFirst().getFieldName() : null;
                if (field == null || fields.remove(field) == null) {
                    // Not a field's fault (the record refused its values as a whole): nothing to name but the body.
                    throw new InvalidRequestException("The body could not be read", List.of(new FieldError("body", "is malformed")));
                }
                errors.add(new FieldError(field, e instanceof UnrecognizedPropertyException ? "is not a known field"
                        : "must be " + expected(type, field)));
            }
        }
    }

    /** What a record's field takes, in words. */
    private static String expected(Class<? extends Record> type, String field) {
        return Arrays.stream(type.getRecordComponents()).filter(component -> component.getName().equals(field))
                .map(RecordComponent::getGenericType).findFirst().map(RequestJson::inWords).orElse("of the right type");
    }

    private static String inWords(Type type) {
        if (type instanceof ParameterizedType list && list.getRawType() instanceof Class<?> raw && Collection.class.isAssignableFrom(raw)) {
            return list.getActualTypeArguments()[0] == String.class ? "a list of strings" : "a list";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number up to " + Integer.MAX_VALUE;
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type instanceof Class<?> enumType && enumType.isEnum()) {
            return "one of " + Arrays.toString(enumType.getEnumConstants());
        }
        return "of the right type";
    }

    /** A request body read as a tree, for controllers that check its fields themselves. */
    public JsonNode readTree(byte[] body) throws IOException {
        return strict.readTree(body);
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        // A converter of its own: Spring Boot shares its converter with the RestClients leadflow calls others with.
        converters.replaceAll(converter -> converter instanceof MappingJackson2HttpMessageConverter
                ? new MappingJackson2HttpMessageConverter(strict) : converter);
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        refuse(strict, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(strict, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(strict, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        refuse(strict, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.Integer, CoercionInputShape.Float);
        refuse(strict, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        return strict;
    }

    private static void refuse(ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }
}

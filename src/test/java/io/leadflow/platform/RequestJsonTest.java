package io.leadflow.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A request record bound by Jackson with every field it refuses named at once, the rest bound. */
class RequestJsonTest {

    enum Size { SMALL, LARGE }

    record Order(String name, Integer count, Size size, List<String> tags) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final RequestJson json = new RequestJson(mapper);

    @Test
    void everyFieldOfTheWrongTypeAndEveryUnknownFieldIsNamedAndTheRestIsBound() throws Exception {
        RequestJson.Binding<Order> bound = json.bind((ObjectNode) mapper.readTree("""
                {"name":42,"count":"12","size":"HUGE","tags":["a",{"b":1}],"colour":"red"}"""), Order.class);

        assertThat(bound.errors()).containsExactly(
                new FieldError("name", "must be a string"),
                new FieldError("count", "must be a whole number up to 2147483647"),
                new FieldError("size", "must be one of [SMALL, LARGE]"),
                new FieldError("tags", "must be a list of strings"),
                new FieldError("colour", "is not a known field"));
        assertThat(bound.value()).isEqualTo(new Order(null, null, null, null));
    }

    @Test
    void aRightBodyIsBoundWhole() throws Exception {
        RequestJson.Binding<Order> bound = json.bind((ObjectNode) mapper.readTree("""
                {"name":"Ana","count":12,"size":"LARGE","tags":["a"]}"""), Order.class);

        assertThat(bound.errors()).isEmpty();
        assertThat(bound.value()).isEqualTo(new Order("Ana", 12, Size.LARGE, List.of("a")));
    }

    @Test
    void textCellsGiveANumberAsItsDigitsAndNameWhatIsNoNumber() {
        assertThat(json.bindText(Map.of("name", "Ana", "count", "12", "tags", List.of("a", "b")), Order.class))
                .isEqualTo(new RequestJson.Binding<>(new Order("Ana", 12, null, List.of("a", "b")), List.of()));
        assertThat(json.bindText(Map.of("count", "12x"), Order.class).errors())
                .containsExactly(new FieldError("count", "must be a whole number up to 2147483647"));
    }
}

package io.leadflow.email;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The mails to leadflow's own people in the recipient's language, English where leadflow has none of theirs. */
class InternalMailRendererTest {

    private static final Map<String, Object> BREACH = Map.of("manager", Map.of("name", "Marta"), "rep", Map.of("name", "Ana Torres"),
            "lead", Map.of("name", "María López", "company", "Telcomex"), "breach", "FIRST_ATTEMPT",
            "taskUrl", "https://leadflow.example/tasks/lead/1");

    private final InternalMailRenderer renderer = new InternalMailRenderer();

    @Test
    void aBreachMailInSpanishAndInEnglish() {
        RenderedEmail spanish = renderer.render("manager-sla-breach", Locale.forLanguageTag("es"), BREACH);
        assertThat(spanish.subject()).isEqualTo("SLA incumplido: María López (Telcomex) espera a Ana Torres");
        assertThat(spanish.textBody()).contains("Hola, Marta:", "El primer intento con María López de Telcomex");

        RenderedEmail english = renderer.render("manager-sla-breach", Locale.ENGLISH, BREACH);
        assertThat(english.textBody()).contains("Hi Marta,", "The first attempt for María López at Telcomex");
        assertThat(renderer.render("manager-sla-breach", Locale.GERMAN, BREACH).textBody()).as("no German file: English")
                .isEqualTo(english.textBody());
    }
}

package io.leadflow.engine;

import io.camunda.client.CamundaClient;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;

/**
 * The forms' texts and the user tasks' names in another language are read from beside the forms and models at start-up,
 * by form or model and language.
 */
class FormTextsTest {

    @Test
    void aFormsSpanishTextsAreReadFromItsFileAndAnotherLanguageHasNone() {
        ProcessModels models = new ProcessModels(mock(CamundaClient.class, RETURNS_DEEP_STUBS), ClusterStub.remoteSettings());
        models.afterSingletonsInstantiated();

        assertThat(models.formTexts("qualify-lead", Locale.forLanguageTag("es-MX")))
                .containsEntry("decision.label", "Decisión").containsEntry("decision.values.sql", "Calificado por ventas (SQL)");
        assertThat(models.formTexts("qualify-lead", Locale.ENGLISH)).as("English: the form as written").isEmpty();
        assertThat(models.formTexts("no-such-form", Locale.forLanguageTag("es"))).isEmpty();
    }

    @Test
    void aUserTasksSpanishNameIsReadFromItsModelsFileAndEnglishIsTheModelsOwn() {
        ProcessModels models = new ProcessModels(mock(CamundaClient.class, RETURNS_DEEP_STUBS), ClusterStub.remoteSettings());
        models.afterSingletonsInstantiated();

        ProcessModels.UserTaskDefinition qualify = models.userTask("Task_QualifyLead").orElseThrow();
        assertThat(qualify.processId()).isEqualTo("lead-explore");
        assertThat(qualify.name(Locale.forLanguageTag("es-CO"))).isEqualTo("Calificar el lead");
        assertThat(qualify.name(Locale.ENGLISH)).isEqualTo("Qualify lead");
        assertThat(models.userTask("lead-sequence", "Task_SlaBreach").orElseThrow().name(Locale.forLanguageTag("es")))
                .isEqualTo("Incumplimiento del SLA");
        assertThat(models.userTask("Task_NoSuchTask")).isEmpty();
    }
}

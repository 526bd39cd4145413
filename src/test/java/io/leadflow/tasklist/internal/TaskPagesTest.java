package io.leadflow.tasklist.internal;

import io.leadflow.engine.ProcessModels;
import io.leadflow.email.EmailLeads;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.scoring.Rejections;
import io.leadflow.security.WithApiKeySecurity;
import io.leadflow.tasklist.RepTask;
import io.leadflow.tasklist.RepTaskService;
import io.leadflow.tasklist.TaskNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** The rep's task list and task page in English and in Spanish: the page's words, and the due date in the lead's zone. */
@WebMvcTest(TaskListController.class)
@Import({LeadContexts.class, TaskNames.class})
@WithApiKeySecurity
@MockitoBean(types = ModelTasks.class)
class TaskPagesTest {

    private static final RequestPostProcessor ANA = user("ana").roles("REP");
    private static final UUID LEAD = UUID.fromString("3f0c8a52-61b4-4b0e-9a51-0d2a6f7c1e11");
    private static final RepTask CALL = new RepTask(42L, LEAD, "first-contact", "First contact", "ana", null, null,
            Instant.parse("2026-03-03T15:00:00Z"), RepTask.Status.OPEN, Instant.parse("2026-03-03T12:00:00Z"), null, null,
            Map.of(), null, Map.of(), null);

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    RepTaskService tasks;
    @MockitoBean
    Leads leads;
    @MockitoBean
    Timeline timeline;
    @MockitoBean
    ProcessModels models;
    @MockitoBean
    CamundaFormRenderer forms;
    @MockitoBean
    Rejections rejections;
    @MockitoBean
    EmailLeads emailLeads;

    @BeforeEach
    void aLeadWithAnOpenTask() {
        LeadFacts facts = new LeadFacts("maria@telcomex.mx", null, "María", "López", "CMO", "Telcomex", "telcomex.mx", 500,
                "telecom", "MX", "America/Mexico_City", "es", "ebook", null);
        Lead lead = new Lead(LEAD, LeadType.FORM_FILL, facts, null, LeadStage.SQL, 80, List.of(), Map.of("tenureMonths", 14, "role", "GENERAL_MANAGER", "persona", "executive"), "ana",
                null, null);
        when(leads.get(LEAD)).thenReturn(lead);
        when(leads.findAll(any())).thenReturn(Map.of(LEAD, lead));
        when(tasks.get(42L)).thenReturn(CALL);
        when(tasks.openTasksOf(any(), anyInt())).thenReturn(new RepTaskService.OpenTasks(List.of(CALL), 1, 50, 1));
        when(timeline.of(LEAD)).thenReturn(List.of());
        when(models.form(any())).thenReturn(Optional.empty());
    }

    @Test
    void theListInEnglishAndInSpanish() {
        assertThat(mvc.get().uri("/tasks").with(ANA).header("Accept-Language", "en")).hasStatusOk().bodyText()
                .contains("<html lang=\"en\">", "<h1>My open tasks</h1>", "Due (lead&#39;s time)", "First contact", "María López",
                        "Tue 3 Mar 2026, 09:00");
        assertThat(mvc.get().uri("/tasks").with(ANA).header("Accept-Language", "es-MX")).hasStatusOk().bodyText()
                .contains("<html lang=\"es\">", "<h1>Mis tareas abiertas</h1>", "Vence (hora del lead)", "mar 3 mar 2026, 09:00",
                        "Cerrar sesión")
                .doesNotContain("My open tasks", "Sign out");
    }

    @Test
    void aSpanishReaderSeesTheTaskNamedInSpanishInTheListOnTheTaskPageAndInItsTimeline() {
        when(models.userTask("first-contact")).thenReturn(Optional.of(new ProcessModels.UserTaskDefinition("lead-sequence",
                "first-contact", "First contact", null, Map.of("es", "Primer contacto"))));
        when(timeline.of(LEAD)).thenReturn(List.of(new Timeline.Entry(Timeline.Type.TASK_CREATED.name(), Instant.parse("2026-03-03T12:00:00Z"),
                Map.of("task", "First contact", "element", "first-contact", "assignee", "ana"))));
        assertThat(mvc.get().uri("/tasks").with(ANA).header("Accept-Language", "es-MX")).hasStatusOk().bodyText()
                .contains(">Primer contacto</a>").doesNotContain("First contact");
        assertThat(mvc.get().uri("/tasks/42").with(ANA).param("lang", "es")).hasStatusOk().bodyText()
                .contains("<h1>Primer contacto <span", "Tarea “Primer contacto”").doesNotContain("First contact");
        assertThat(mvc.get().uri("/tasks/42").with(ANA).param("lang", "en")).hasStatusOk().bodyText()
                .contains("<h1>First contact <span").doesNotContain("Primer contacto");
    }

    @Test
    void theTasksWaitingForAManagersDecisionArePagedOnTheirOwn() {
        when(tasks.openTasksOf(Set.of("marta"), 2)).thenReturn(new RepTaskService.OpenTasks(List.of(CALL), 2, 1, 3));
        assertThat(mvc.get().uri("/tasks?decisionsPage=2").with(user("marta").roles("REP", "MANAGER"))).hasStatusOk().bodyText()
                .contains("Needs your decision", "aria-label=\"Pages of the tasks waiting for you\"",
                        "href=\"/tasks?page=1&amp;decisionsPage=1\"", "href=\"/tasks?page=1&amp;decisionsPage=3\"", "Page 2 · 3 open tasks");
    }

    @Test
    void theTaskPageInEnglishAndInSpanish() {
        assertThat(mvc.get().uri("/tasks/42").with(ANA).param("lang", "en")).hasStatusOk().bodyText()
                .contains("<h2 id=\"lead-heading\">Lead</h2>", "<dt>Stage</dt><dd>SQL (sales qualified)</dd>",
                        "<dt>Months in role</dt>", "No phone number — research it", "<dd>General manager</dd>", "<dd>Executive</dd>")
                .doesNotContain("GENERAL_MANAGER");
        assertThat(mvc.get().uri("/tasks/42").with(ANA).param("lang", "es")).hasStatusOk().bodyText()
                .contains("<dt>Etapa</dt><dd>SQL (calificado por ventas)</dd>", "<dt>Meses en el cargo</dt>",
                        "Sin número de teléfono: búscalo", "Completar la tarea", "<dd>Gerente general</dd>", "<dd>Directivo</dd>");
    }

    @Test
    void aFieldTheFormHidesForTheAnswersIsHiddenOnThePageAsTheRepAnswersAndOnSubmit() {
        RepTask qualify = new RepTask(44L, LEAD, "qualify", "Qualify lead", "ana", null, "qualify-lead", null, RepTask.Status.OPEN,
                Instant.parse("2026-03-01T10:00:00Z"), null, null, Map.of(), null, Map.of(), null);
        when(tasks.get(44L)).thenReturn(qualify);
        when(models.form("qualify-lead")).thenReturn(Optional.of(new byte[0]));
        when(forms.render(any(), any(), any())).thenReturn(List.of(
                new FormField(FormField.Type.SELECT, "decision", "decision", "Decision", true, false,
                        List.of(new FormField.Option("SQL", "sql"), new FormField.Option("Nurture", "nurture")), List.of(), null, null, null),
                new FormField(FormField.Type.TEXTFIELD, "budget", "budget", "Budget", true, false, List.of(), List.of(), null,
                        FormCondition.of("=decision != \"sql\""), null),
                new FormField(FormField.Type.TEXTAREA, "notes", "notes", "Notes", false, false, List.of(), List.of(), null, null, null)));

        assertThat(mvc.get().uri("/tasks/44").with(ANA)).hasStatusOk().bodyText()
                .contains("data-hidden-url=\"/tasks/44/hidden\"", "data-field=\"budget\" hidden>", "data-field=\"notes\">",
                        "<script src=\"/js/task-form.js\">");
        assertThat(mvc.post().uri("/tasks/44/hidden").with(ANA).with(csrf()).param("decision", "nurture")).hasStatusOk()
                .bodyJson().isEqualTo("[\"budget\"]");
        assertThat(mvc.post().uri("/tasks/44/hidden").with(ANA).with(csrf()).param("decision", "sql")).hasStatusOk()
                .bodyJson().isEqualTo("[]");
        // A budget of no-break and zero-width spaces is no budget.
        assertThat(mvc.post().uri("/tasks/44").with(ANA).with(csrf()).param("decision", "sql").param("budget", "\u00a0\u200b\u2009"))
                .hasStatus(HttpStatus.UNPROCESSABLE_ENTITY).bodyText().contains("Budget is required.");
    }

    @Test
    void theTaskPageShowsTheFirstTouchsOpeningLineAndHowEachDecisionRoutedTheLead() {
        when(emailLeads.openingLine(any())).thenReturn("Vi que descargaste el ebook: ¿qué te pareció?");
        when(timeline.of(LEAD)).thenReturn(List.of(
                new Timeline.Entry("ROUTED", Instant.parse("2026-03-01T10:00:00Z"), Map.of("decisionId", "lead-assignment",
                        "result", "latam", "decision", "lead-assignment v2, rule Rule_LeadAssignment_Latam", "model", "lead-identify v3")),
                new Timeline.Entry("ROUTED", Instant.parse("2026-03-01T10:01:00Z"), Map.of("decisionId", "sequence-cadence",
                        "result", "5 rows", "decision", "sequence-cadence v1, rule Rule_Cadence_1", "model", "lead-sequence v1"))));
        assertThat(mvc.get().uri("/tasks/42").with(ANA).param("lang", "en")).hasStatusOk().bodyText()
                .contains("<dt>First touch opens with</dt>", "<q>Vi que descargaste el ebook: ¿qué te pareció?</q>",
                        "<p class=\"muted routed-by\">Routed: latam; decided by lead-assignment v2, rule Rule_LeadAssignment_Latam,"
                                + " called by lead-identify v3</p>",
                        "<p class=\"muted routed-by\">Routed: 5 rows; decided by sequence-cadence v1");
    }

    @Test
    void aTaskDoneAlreadySaysSoInTheRepsWords() {
        when(tasks.get(43L)).thenReturn(new RepTask(43L, LEAD, "first-contact", "First contact", "ana", null, null, null,
                RepTask.Status.COMPLETED, Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T11:00:00Z"), "ana",
                Map.of(), null, Map.of(), RepTask.Delivery.DELIVERED));
        assertThat(mvc.get().uri("/tasks/43").with(ANA).header("Accept-Language", "es")).hasStatusOk().bodyText()
                .contains("Esta tarea ya no está abierta (completada).", "Sin fecha límite");
        assertThat(mvc.get().uri("/tasks/43").with(ANA)).hasStatusOk().bodyText().contains("This task is no longer open (completed).");
    }

    @Test
    void aTaskThatIsNotThereIsSaidInTheRepsLanguage() {
        when(tasks.get(7L)).thenThrow(new TaskNotFoundException(7L));
        assertThat(mvc.get().uri("/tasks/7").with(ANA).header("Accept-Language", "es")).hasStatus(HttpStatus.NOT_FOUND).bodyText()
                .contains("<h1>Tarea no encontrada</h1>", "No existe esa tarea.", "Volver a la lista de tareas");
    }

    @Test
    void aSpanishReaderSeesTheTimelineTheFormsLabelsAndItsValidationInSpanish() throws IOException {
        RepTask qualify = new RepTask(45L, LEAD, "qualify", "Qualify lead", "ana", null, "qualify-lead", null, RepTask.Status.OPEN,
                Instant.parse("2026-03-01T10:00:00Z"), null, null, Map.of(), null, Map.of(), null);
        when(tasks.get(45L)).thenReturn(qualify);
        when(models.form("qualify-lead")).thenReturn(Optional.of(CamundaFormRendererTest.form("qualify-lead")));
        when(models.formTexts("qualify-lead", Locale.forLanguageTag("es"))).thenReturn(spanishTextsOf("qualify-lead"));
        CamundaFormRenderer real = new CamundaFormRenderer();
        when(forms.render(any(), any(), any())).thenAnswer(call -> real.render(call.getArgument(0), call.getArgument(1), call.getArgument(2)));
        when(timeline.of(LEAD)).thenReturn(List.of(new Timeline.Entry("TASK_COMPLETED", Instant.parse("2026-03-01T10:00:00Z"),
                Map.of("task", "First contact", "by", "ana", "outcome", "no-answer"))));

        assertThat(mvc.get().uri("/tasks/45").with(ANA).header("Accept-Language", "es-MX")).hasStatusOk().bodyText()
                .contains("Tarea “First contact” hecha por ana: no contestó", "<h3>Califica el lead</h3>",
                        "Por qué descalificar", "<option value=\"sql\">Calificado por ventas (SQL)</option>", "<dt>Llegó como</dt>",
                        "<dt>Origen</dt>")
                .doesNotContain("Why disqualify", "Qualify the lead</h3>", "done by ana");
        assertThat(mvc.post().uri("/tasks/45").with(ANA).with(csrf()).header("Accept-Language", "es-MX").param("decision", "disqualify"))
                .hasStatus(HttpStatus.UNPROCESSABLE_ENTITY).bodyText().contains("Por qué descalificar: falta la respuesta.");
        assertThat(mvc.get().uri("/tasks/45").with(ANA).header("Accept-Language", "en")).hasStatusOk().bodyText()
                .contains("Task “First contact” done by ana: no answer", "Why disqualify", "Qualify the lead</h3>", "<dt>Came as</dt>");
    }

    private static Map<String, String> spanishTextsOf(String formId) throws IOException {
        Properties texts = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("processes", formId + ".es.properties"), StandardCharsets.UTF_8)) {
            texts.load(reader);
        }
        Map<String, String> byComponent = new HashMap<>();
        texts.stringPropertyNames().forEach(key -> byComponent.put(key, texts.getProperty(key)));
        return byComponent;
    }
}

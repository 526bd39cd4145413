package io.leadflow.tasklist.internal;

import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The four shipped forms, as the task page renders and reads them. */
class CamundaFormRendererTest {

    /** The lead's day the answers are read on. */
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private static final MessageSource MESSAGES = messages();

    private final CamundaFormRenderer renderer = new CamundaFormRenderer();

    /** The pages' texts, as Spring Boot sets them up. */
    static MessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    /** The form as written, in English. */
    private List<FormField> render(byte[] form, Map<String, ?> variables) {
        return renderer.render(form, variables, Map.of());
    }

    static byte[] form(String id) throws IOException {
        try (InputStream in = CamundaFormRendererTest.class.getResourceAsStream("/processes/" + id + ".form")) {
            assertThat(in).as("processes/%s.form", id).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void callOutcomeHasItsIntroARequiredRadioAndNotes() throws IOException {
        List<FormField> fields = render(form("call-outcome"), Map.of());

        assertThat(fields).extracting(FormField::type)
                .containsExactly(FormField.Type.TEXT, FormField.Type.RADIO, FormField.Type.SELECT, FormField.Type.TEXTFIELD,
                        FormField.Type.TEXTAREA);
        FormField intro = fields.get(0);
        assertThat(intro.isInput()).isFalse();
        assertThat(intro.text()).hasSize(2);
        assertThat(intro.text().get(0).heading()).isTrue();
        assertThat(intro.text().get(0).spans()).containsExactly(new FormField.TextSpan("Call outcome", null));
        assertThat(intro.text().get(1).heading()).isFalse();

        FormField outcome = fields.get(1);
        assertThat(outcome.key()).isEqualTo("outcome");
        assertThat(outcome.label()).isEqualTo("Outcome");
        assertThat(outcome.id()).isEqualTo("Field_Outcome");
        assertThat(outcome.required()).isTrue();
        assertThat(outcome.options()).extracting(FormField.Option::value)
                .containsExactly("connected", "no-answer", "wrong-number", "meeting-booked", "rejected");
        assertThat(outcome.options()).extracting(FormField.Option::label).contains("Meeting booked");

        assertThat(fields.get(4).key()).isEqualTo("notes");
        assertThat(fields.get(4).required()).isFalse();
    }

    @Test
    void aRejectionTakesAReasonFromTheListTheTaskPageGivesAndOtherInWords() throws IOException {
        List<FormField> fields = render(form("call-outcome"), Map.of("rejectionReasons", List.of(
                Map.of("value", "student", "label", "Student"), Map.of("value", "other", "label", "Other"))));
        FormField reason = fields.get(2);
        assertThat(reason.key()).isEqualTo("rejectionReason");
        assertThat(reason.options()).containsExactly(new FormField.Option("Student", "student"), new FormField.Option("Other", "other"));
        assertThat(reason.isAlwaysRequired()).as("required only for a rejection").isFalse();

        assertThat(english(FormSubmission.read(TODAY, fields, Map.of("outcome", List.of("rejected"))).errors()))
                .containsExactly("Reason for rejecting is required.");
        assertThat(english(FormSubmission.read(TODAY, fields, Map.of("outcome", List.of("rejected"), "rejectionReason", List.of("too-busy"))).errors()))
                .containsExactly("Reason for rejecting: choose one of the options.");
        assertThat(english(FormSubmission.read(TODAY, fields, Map.of("outcome", List.of("rejected"), "rejectionReason", List.of("other"))).errors()))
                .containsExactly("Other reason is required.");
        assertThat(FormSubmission.read(TODAY, fields, Map.of("outcome", List.of("rejected"), "rejectionReason", List.of("student"))).values())
                .isEqualTo(Map.of("outcome", "rejected", "rejectionReason", "student"));
        assertThat(FormSubmission.read(TODAY, fields, Map.of("outcome", List.of("connected"), "rejectionReason", List.of("student"))).values())
                .as("a reason is kept only with a rejection").isEqualTo(Map.of("outcome", "connected"));
        assertThat(render(form("call-outcome"), Map.of()).get(2).options()).as("no list given: no options").isEmpty();
    }

    @Test
    void qualifyLeadAsksGpctbaAndARequiredDecision() throws IOException {
        List<FormField> fields = render(form("qualify-lead"), Map.of());

        assertThat(fields).filteredOn(f -> f.type() == FormField.Type.TEXTAREA).extracting(FormField::key)
                .containsExactly("goals", "plans", "challenges", "timeline", "budget", "authority", "consequences",
                        "implications");
        FormField decision = fields.stream().filter(f -> "decision".equals(f.key())).findFirst().orElseThrow();
        assertThat(decision.required()).isTrue();
        assertThat(decision.options()).extracting(FormField.Option::value).containsExactly("sql", "nurture", "disqualify");
    }

    @Test
    void anSqlNeedsTheGpctbaAnswersAndOtherDecisionsTheirReason() throws IOException {
        List<FormField> fields = render(form("qualify-lead"), Map.of());

        assertThat(english(FormSubmission.read(TODAY, fields, Map.of("decision", List.of("sql"), "goals", List.of("Grow 20%"))).errors()))
                .containsExactly("Plans is required.", "Challenges is required.", "Timeline is required.",
                        "Budget is required.", "Authority (who signs?) is required.");
        FormSubmission recycled = FormSubmission.read(TODAY, fields, Map.of("decision", List.of("nurture"),
                "recycleReason", List.of("bad-timing"), "goals", List.of("typed before changing the decision")));
        assertThat(recycled.errors()).isEmpty();
        assertThat(recycled.values()).containsOnly(entry("decision", "nurture"), entry("recycleReason", "bad-timing"));
        assertThat(english(FormSubmission.read(TODAY, fields, Map.of("decision", List.of("disqualify"))).errors()))
                .containsExactly("Why disqualify is required.");
    }

    @Test
    void theReplyIntentShowsOnlyAfterAReply() throws IOException {
        assertThat(render(form("qualify-lead"), Map.of("replyIntent", "NOT_NOW")))
                .filteredOn(f -> f.type() == FormField.Type.TEXT).hasSize(2);
        assertThat(render(form("qualify-lead"), Map.of()))
                .filteredOn(f -> f.type() == FormField.Type.TEXT).hasSize(1);
    }

    @Test
    void aDateFieldChecksItsPatternAndWhatTheDateIsAbout() throws IOException {
        List<FormField> outcome = render(form("deal-outcome"), Map.of());
        assertThat(errors(outcome, "outcome", "nurture", "nurtureUntil", "next spring"))
                .containsExactly("Nurture until (YYYY-MM-DD) is not in the expected format.");
        assertThat(FormSubmission.read(TODAY, outcome, Map.of("outcome", List.of("nurture"), "nurtureUntil", List.of("2027-03-01")))
                .values()).containsOnly(entry("outcome", "nurture"), entry("nurtureUntil", "2027-03-01"));
        assertThat(errors(outcome, "outcome", "lost")).containsExactly("Why lost is required.");
        // Nurture until: a day to come, and a real one.
        assertThat(errors(outcome, "outcome", "nurture", "nurtureUntil", "2026-11-25"))
                .containsExactly("Nurture until (YYYY-MM-DD) must be after today (2026-11-25).");
        assertThat(errors(outcome, "outcome", "nurture", "nurtureUntil", "2027-02-30"))
                .containsExactly("Nurture until (YYYY-MM-DD) is not a date (YYYY-MM-DD).");
        // The meeting that took place: today at the latest.
        List<FormField> proposal = render(form("proposal"), Map.of());
        assertThat(errors(proposal, "meetingDate", "2026-11-26", "meetingHeld", "true"))
                .containsExactly("Meeting date (YYYY-MM-DD) cannot be after today (2026-11-25).");
        assertThat(errors(proposal, "meetingDate", "2026-11-25", "meetingHeld", "true")).isEmpty();
    }

    /** The errors as an English reader sees them. */
    static List<String> english(List<MessageSourceResolvable> errors) {
        return errors.stream().map(error -> MESSAGES.getMessage(error, Locale.ENGLISH)).toList();
    }

    /** What is wrong with these answers (field, value, field, value…) on {@link #TODAY}. */
    private static List<String> errors(List<FormField> fields, String... answers) {
        Map<String, List<String>> params = new HashMap<>();
        for (int i = 0; i < answers.length; i += 2) {
            params.put(answers[i], List.of(answers[i + 1]));
        }
        return english(FormSubmission.read(TODAY, fields, params).errors());
    }

    @Test
    void researchContactsRequiresAFirstNameAnEmailAndAJobTitle() throws IOException {
        List<FormField> fields = render(form("research-contacts"), Map.of());

        assertThat(fields).filteredOn(FormField::isInput).extracting(FormField::key)
                .containsExactly("contactFirstName", "contactLastName", "contactEmail", "contactJobTitle", "notes");
        assertThat(fields).filteredOn(FormField::required).extracting(FormField::key)
                .containsExactly("contactFirstName", "contactEmail", "contactJobTitle");
        assertThat(fields).filteredOn(FormField::email).extracting(FormField::key).containsExactly("contactEmail");
    }

    @Test
    void socialTouchFillsTheProfileLinkFromTheEnrichment() throws IOException {
        List<FormField> fields = render(form("social-touch"),
                Map.of("linkedinUrl", "https://www.linkedin.com/in/carlos-ruiz"));

        assertThat(fields).extracting(FormField::type).containsExactly(FormField.Type.TEXT, FormField.Type.TEXT,
                FormField.Type.SELECT, FormField.Type.TEXTAREA);
        FormField profile = fields.get(1);
        assertThat(profile.text()).singleElement().satisfies(block -> assertThat(block.spans()).containsExactly(
                new FormField.TextSpan("Profile: ", null),
                new FormField.TextSpan("https://www.linkedin.com/in/carlos-ruiz", "https://www.linkedin.com/in/carlos-ruiz")));
        assertThat(fields.get(2).key()).isEqualTo("action");
        assertThat(fields.get(2).options()).hasSize(4);
    }

    @Test
    void socialTouchHidesTheProfileWhenThereIsNone() throws IOException {
        List<FormField> fields = render(form("social-touch"), Map.of());

        assertThat(fields).extracting(FormField::type)
                .containsExactly(FormField.Type.TEXT, FormField.Type.SELECT, FormField.Type.TEXTAREA);
    }

    @Test
    void placeholdersWithoutAValueAreLeftBlankAndOnlyWebLinksAreLinks() {
        String json = """
                {"components": [
                  {"type": "text", "id": "T1", "text": "Hi {{firstName}}, see [docs](javascript:void) and {{missing}}<b>"},
                  {"type": "image", "id": "I1", "source": "x.png"}
                ]}""";

        List<FormField> fields = render(json.getBytes(StandardCharsets.UTF_8), Map.of("firstName", "Ana"));

        assertThat(fields).singleElement().satisfies(text -> assertThat(text.text()).singleElement()
                .satisfies(block -> assertThat(block.spans()).extracting(FormField.TextSpan::href).containsOnlyNulls())
                .satisfies(block -> assertThat(block.spans()).extracting(FormField.TextSpan::text)
                        .containsExactly("Hi Ana, see ", "docs", " and <b>")));
    }

    @Test
    void readsEveryTypeAndKeepsOnlyDeclaredKeys() {
        String json = """
                {"components": [
                  {"type": "textfield", "key": "name", "label": "Name", "validate": {"required": true}},
                  {"type": "number", "key": "seats", "label": "Seats"},
                  {"type": "number", "key": "budget", "label": "Budget"},
                  {"type": "checkbox", "key": "consent", "label": "Consent"},
                  {"type": "checklist", "key": "topics", "label": "Topics",
                   "values": [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}]},
                  {"type": "radio", "key": "outcome", "label": "Outcome", "values": [{"label": "Yes", "value": "yes"}]},
                  {"type": "textarea", "key": "notes", "label": "Notes"}
                ]}""";
        List<FormField> fields = render(json.getBytes(StandardCharsets.UTF_8), Map.of());

        FormSubmission submission = FormSubmission.read(TODAY, fields, Map.of(
                "name", List.of(" Carlos "), "seats", List.of("12"), "budget", List.of("1500.50"),
                "consent", List.of("true"), "topics", List.of("a", "b", "zzz"), "outcome", List.of("yes"),
                "_csrf", List.of("token"), "injected", List.of("x")));

        assertThat(submission.errors()).isEmpty();
        assertThat(submission.values()).containsExactly(
                Map.entry("name", "Carlos"), Map.entry("seats", 12L), Map.entry("budget", 1500.5),
                Map.entry("consent", true), Map.entry("topics", List.of("a", "b")), Map.entry("outcome", "yes"));
    }

    @Test
    void requiredAndMalformedValuesAreErrors() throws IOException {
        List<FormField> research = render(form("research-contacts"), Map.of());
        FormSubmission empty = FormSubmission.read(TODAY, research, Map.of("contactEmail", List.of("not-an-email")));
        assertThat(empty.valid()).isFalse();
        assertThat(english(empty.errors())).containsExactly("First name is required.", "Email must be an email address.",
                "Job title is required.");

        List<FormField> call = render(form("call-outcome"), Map.of());
        assertThat(english(FormSubmission.read(TODAY, call, Map.of()).errors())).containsExactly("Outcome is required.");
        assertThat(english(FormSubmission.read(TODAY, call, Map.of("outcome", List.of("hung-up"))).errors()))
                .containsExactly("Outcome: choose one of the options.");
        assertThat(FormSubmission.read(TODAY, call, Map.of("outcome", List.of("meeting-booked"), "notes", List.of("Tue 10:00")))
                .values()).containsExactly(Map.entry("outcome", "meeting-booked"), Map.entry("notes", "Tue 10:00"));
    }
}

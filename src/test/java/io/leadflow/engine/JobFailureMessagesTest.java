package io.leadflow.engine;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.leadflow.email.EmailTemplateException;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The message a failed job hands back, which its incident shows: the cause in a line, never a stack trace. */
class JobFailureMessagesTest {

    @Test
    void aTemplateThatMissesAValueNamesTheTemplateAndTheValueWithoutFreemarkersTips() {
        Configuration freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        TemplateException missing = catchThrowableOfType(TemplateException.class, () ->
                new Template("any__any__awareness.en.ftl", "Hi ${lead.firstName},", freemarker)
                        .process(Map.of("lead", Map.of()), new StringWriter()));
        // As EmailRenderer reports it.
        var failure = new EmailTemplateException("any__any__awareness.en.ftl: " + missing.getMessage(), missing);

        String message = JobFailureMessages.describe(failure);

        assertThat(message).startsWith("any__any__awareness.en.ftl: ").contains("lead.firstName")
                .doesNotContain("Tip:", "\n", "\tat ", "caused by");
    }

    @Test
    void aRefusalDeeperDownIsAddedToWhatLeadflowWasDoing() {
        var failure = new IllegalStateException("Could not store the mail of lead 42",
                new RuntimeException(new SQLException("ERROR: the mail relay refuses this lead's mail\n  Where: PL/pgSQL")));

        assertThat(JobFailureMessages.describe(failure)).isEqualTo("Could not store the mail of lead 42 "
                + "(caused by: ERROR: the mail relay refuses this lead's mail Where: PL/pgSQL)");
    }

    @Test
    void anExceptionWithoutAMessageIsNamedAndALongMessageIsCut() {
        assertThat(JobFailureMessages.describe(new NullPointerException())).isEqualTo("NullPointerException");
        String message = JobFailureMessages.describe(new IllegalArgumentException("x".repeat(5_000)));
        assertThat(message).hasSize(JobFailureMessages.MAX_LENGTH).endsWith("…");
    }
}

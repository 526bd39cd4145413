package io.leadflow.intake;

import io.leadflow.LeadflowIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** leadflow knows each lead's process: where it runs, when it ended, and when the engine lost it. */
class LeadProcessesIT extends LeadflowIntegrationTest {

    @Autowired
    LeadProcesses processes;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aProcessThatEndsIsRecordedAsEnded() {
        Map<String, Object> student = new HashMap<>(mqlLead("Sofia"));
        student.put("jobTitle", "Estudiante de marketing");
        UUID id = postLead(student);

        await().atMost(PATIENCE).until(() -> processColumn(id, "ended_at") != null);
        assertThat(processColumn(id, "process_instance_key")).isNotNull();
        assertThat(lead(id).get("stage").asText()).isEqualTo("DISQUALIFIED");
    }

    @Test
    void aLeadWhoseProcessIsGoneIsFlaggedAndALiveOneIsNot() {
        UUID live = postLead(mqlLead("Lucia"));
        UUID orphan = postLead(mqlLead("Olga"));
        awaitLead(live, lead -> openTask(lead, "First contact") != null);
        awaitLead(orphan, lead -> openTask(lead, "First contact") != null);
        // As after the engine's data directory was replaced: the instance belongs to an engine that is gone.
        jdbc.sql("update lead_process set engine_id = 'a-replaced-engine' where lead_id = ?").param(orphan).update();

        await().atMost(Duration.ofMinutes(1)).until(() -> {
            processes.reconcile();
            return processColumn(live, "checked_at") != null && processColumn(orphan, "lost_at") != null;
        });

        assertThat(timelineTypes(orphan)).containsOnlyOnce("PROCESS_LOST");
        assertThat(timelineTypes(live)).doesNotContain("PROCESS_LOST");
        assertThat(processColumn(live, "lost_at")).isNull();
        assertThat((Long) processes.health().getDetails().get("leadsWithLostProcess")).isPositive();
    }

    @Test
    void theEngineIsAskedOnlyAboutInstancesTheProcessViewDoesNotShowLive() {
        UUID shown = postLead(mqlLead("Sara"));
        UUID gone = postLead(mqlLead("Gloria"));
        awaitLead(shown, lead -> openTask(lead, "First contact") != null);
        awaitLead(gone, lead -> openTask(lead, "First contact") != null);
        // Keys the engine never had: one the process view shows live, so the engine is not asked and it passes as
        // live; the other it does not show, so the engine is asked and says it is gone.
        long shownKey = Long.MAX_VALUE - 7;
        long goneKey = Long.MAX_VALUE - 8;
        jdbc.sql("update lead_process set process_instance_key = ? where lead_id = ?").params(shownKey, shown).update();
        jdbc.sql("update lead_process set process_instance_key = ? where lead_id = ?").params(goneKey, gone).update();
        jdbc.sql("""
                        insert into process_element_instance (element_instance_key, process_instance_key, bpmn_process_id,
                                                              element_id, element_type, since)
                        values (?, ?, 'lead-test', 'lead-test', 'PROCESS', now())""")
                .params(shownKey, shownKey).update();
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                processes.reconcile();
                return processColumn(shown, "checked_at") != null && processColumn(gone, "lost_at") != null;
            });
            assertThat(processColumn(shown, "lost_at")).isNull();
            assertThat(timelineTypes(gone)).containsOnlyOnce("PROCESS_LOST");
        } finally {
            jdbc.sql("delete from process_element_instance where element_instance_key = ?").param(shownKey).update();
        }
    }

    private Object processColumn(UUID id, String column) {
        return jdbc.sql("select " + column + " from lead_process where lead_id = ?").param(id).query().listOfRows().get(0).get(column);
    }
}

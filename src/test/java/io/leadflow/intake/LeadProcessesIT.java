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

    private Object processColumn(UUID id, String column) {
        return jdbc.sql("select " + column + " from lead_process where lead_id = ?").param(id).query().listOfRows().get(0).get(column);
    }
}

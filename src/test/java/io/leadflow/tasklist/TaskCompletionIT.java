package io.leadflow.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.engine.EngineIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rep's completion on the real engine is effect-once across a crash: recorded first (task, outcome, timeline, the
 * attempt), then delivered until the engine answers. The crash is the state it leaves in the database: the
 * completion committed and not delivered, or delivered and its answer lost.
 */
class TaskCompletionIT extends LeadflowIntegrationTest {

    private static final Map<String, Object> CONNECTED = Map.of("outcome", "connected", "notes", "Call again on Monday");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    EngineIdentity engineIdentity;

    @Test
    void aCompletionRecordedButNotDeliveredIsDeliveredLaterAndTheProcessMovesOnWithItsOutcome() {
        UUID id = postLead(mqlLead("Paula"));
        long firstContact = firstContact(id);

        // leadflow is killed right after the commit, before it asks the engine: only the durable half ran.
        tasks.recordCompletion(firstContact, "ana", false, CONNECTED);
        RepTask recorded = tasks.get(firstContact);
        assertThat(recorded.status()).isEqualTo(RepTask.Status.COMPLETED);
        assertThat(recorded.result()).isEqualTo(CONNECTED);
        assertThat(timelineTypes(id)).contains("TASK_COMPLETED");
        assertThat(lead(id).at("/sequence/0/outcome").asText()).as("the call recorded before the engine moves on").isEqualTo("connected");

        // The redelivery hands it to the engine, which goes on with the outcome: a connected call ends the sequence.
        JsonNode lead = awaitLead(id, l -> openTask(l, "Qualify lead") != null);
        assertThat(tasks.get(firstContact).delivery()).isEqualTo(RepTask.Delivery.DELIVERED);
        assertThat(triesOf(firstContact)).isEqualTo(1);
        assertThat(lead.at("/sequence/0/status").asText()).isEqualTo("done");
        assertThat(jdbc.sql("select outcome from sequence_outcome where lead_id = ?").param(id).query(String.class).single())
                .isEqualTo("CONNECTED");
    }

    @Test
    void aDeliveryRetriedAfterTheEngineTookItCompletesNothingTwiceAndTheTaskStaysCompleted() {
        UUID id = postLead(mqlLead("Elena"));
        long firstContact = firstContact(id);
        assertThat(tasks.complete(firstContact, "ana", false, CONNECTED).delivery()).isEqualTo(RepTask.Delivery.DELIVERED);
        awaitLead(id, l -> openTask(l, "Qualify lead") != null);

        // leadflow is killed after the engine's yes, before it wrote the answer down: the try counted, still pending.
        jdbc.sql("update rep_task set delivery = 'PENDING', deliver_after = ? where engine_id = ? and job_key = ?")
                .params(Timestamp.from(clock.instant()), engineIdentity.id(), firstContact).update();

        // Tried again: the engine has no such job any more (it took the first), which settles it as delivered.
        await().atMost(PATIENCE).until(() -> tasks.get(firstContact).delivery() == RepTask.Delivery.DELIVERED);
        assertThat(triesOf(firstContact)).isEqualTo(2);
        RepTask task = tasks.get(firstContact);
        assertThat(task.status()).isEqualTo(RepTask.Status.COMPLETED);
        assertThat(task.result()).isEqualTo(CONNECTED);
        assertThat(timelineTypes(id)).containsOnlyOnce("TASK_COMPLETED").doesNotContain("TASK_CANCELLED");
        assertThat(jdbc.sql("select count(*) from rep_task where lead_id = ? and name = 'Qualify lead'").param(id)
                .query(Integer.class).single()).as("the process moved on once").isEqualTo(1);
    }

    @Test
    void aTaskTheProcessWithdrewBeforeTheRepClickedKeepsTheOutcomeAndSaysTheProcessMovedOn() {
        UUID id = postLead(mqlLead("Marina"));
        long firstContact = firstContact(id);
        withdrawInTheEngine(id, firstContact);

        RepTask completed = tasks.complete(firstContact, "ana", false, CONNECTED);

        assertThat(completed.status()).isEqualTo(RepTask.Status.COMPLETED);
        assertThat(completed.delivery()).isEqualTo(RepTask.Delivery.PROCESS_MOVED_ON);
        assertThat(completed.result()).isEqualTo(CONNECTED);
        assertThat(timelineTypes(id)).contains("TASK_COMPLETED").doesNotContain("TASK_CANCELLED");
        assertThat(lead(id).at("/sequence/0/outcome").asText()).isEqualTo("connected");
    }

    private long firstContact(UUID id) {
        return openTask(awaitLead(id, l -> openTask(l, "First contact") != null), "First contact").get("id").asLong();
    }

    private int triesOf(long jobKey) {
        return jdbc.sql("select delivery_attempts from rep_task where engine_id = ? and job_key = ?")
                .params(engineIdentity.id(), jobKey).query(Integer.class).single();
    }
}

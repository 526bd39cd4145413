package io.leadflow.process;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.leadflow.assignment.SlaEscalation;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** A rep's task late: the SLA breach path the stage models share. */
final class Escalations {

    private Escalations() {
    }

    /** Nothing is escalated until the task's due; then the breach goes to the manager, once (earlier breaches forgotten). */
    static void escalatedAtItsDueOnly(ProcessTestEngine engine, SlaEscalation escalation, UUID lead, long instance,
                                      ActivatedJob task, SlaEscalation.Breach breach) {
        clearInvocations(escalation);
        OffsetDateTime due = OffsetDateTime.parse(task.getCustomHeaders().get("io.camunda.zeebe:dueDate"));
        engine.advanceClock(Duration.between(engine.now(), due).minusMinutes(1));
        engine.awaitAtRest(instance);
        verify(escalation, never().description("nothing before the due")).escalate(eq(lead), any(), anyInt(), any(), anyInt());

        engine.advanceClock(Duration.ofMinutes(2));
        verify(escalation, timeout(ProcessTestEngine.PATIENCE.toMillis())).escalate(eq(lead), eq(breach), anyInt(), any(), anyInt());
        engine.awaitAtRest(instance);
        verify(escalation, times(1).description("escalated once")).escalate(eq(lead), any(), anyInt(), any(), anyInt());
    }
}

package io.leadflow.engine.embedded;

import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.stream.api.scheduling.ScheduledCommandCache.StagedScheduledCommandCache;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduledCommandsInFlightTest {

    private final ScheduledCommandsInFlight inFlight = new ScheduledCommandsInFlight();

    @Test
    void aCommandWrittenByAScheduledTaskIsInFlightUntilProcessed() {
        StagedScheduledCommandCache task = inFlight.stage();
        task.add(TimerIntent.TRIGGER, 1);
        assertThat(task.contains(TimerIntent.TRIGGER, 1)).isTrue();
        assertThat(inFlight.contains(TimerIntent.TRIGGER, 1)).as("before the task's commands are written").isFalse();

        task.persist();
        assertThat(inFlight.contains(TimerIntent.TRIGGER, 1)).isTrue();
        assertThat(inFlight.contains(JobIntent.TIME_OUT, 1)).as("another intent, same key").isFalse();

        inFlight.remove(TimerIntent.TRIGGER, 1);
        assertThat(inFlight.contains(TimerIntent.TRIGGER, 1)).isFalse();
    }

    @Test
    void theCommandsOfATaskThatCouldNotWriteThemAreNotInFlight() {
        StagedScheduledCommandCache task = inFlight.stage();
        task.add(JobIntent.TIME_OUT, 7);
        task.rollback();
        assertThat(inFlight.contains(JobIntent.TIME_OUT, 7)).isFalse();
    }

    @Test
    void onlyTheIntentsABrokerKeepsAreKept() {
        inFlight.add(ProcessInstanceIntent.ACTIVATE_ELEMENT, 3);
        assertThat(inFlight.contains(ProcessInstanceIntent.ACTIVATE_ELEMENT, 3)).isFalse();
    }

    @Test
    void anIntentPastItsBoundStartsOver() {
        for (long key = 0; key < ScheduledCommandsInFlight.BOUND; key++) {
            inFlight.add(TimerIntent.TRIGGER, key);
        }
        inFlight.add(TimerIntent.TRIGGER, -1);
        assertThat(inFlight.contains(TimerIntent.TRIGGER, 0)).isFalse();
        assertThat(inFlight.contains(TimerIntent.TRIGGER, -1)).isTrue();
    }
}

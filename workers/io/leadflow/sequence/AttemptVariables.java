package io.leadflow.sequence;

import io.leadflow.process.SequenceProcess;

/** An attempt as the sequence model reads it: its channel by name, its moments as ISO offset date-times in the lead's zone. */
final class AttemptVariables {

    private AttemptVariables() {
    }

    static SequenceProcess.Attempt of(AttemptWindow attempt) {
        return new SequenceProcess.Attempt(attempt.step(), attempt.channel().name(), attempt.at().toOffsetDateTime().toString(),
                attempt.due().toOffsetDateTime().toString(), attempt.sameDayEnd().toOffsetDateTime().toString(),
                attempt.closeAt().toOffsetDateTime().toString(), attempt.opensAtOnce());
    }
}

package io.leadflow.assignment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The first-attempt SLA's score (seed 004: first attempt within 4 working hours): met when the rep's first attempt
 * is made by its due, breached when it is escalated, and the share met of the two since leadflow started.
 */
@Component
public class FirstAttemptSla {

    private final Counter met;
    private final Counter breached;

    FirstAttemptSla(MeterRegistry meters) {
        this.met = outcome(meters, "met");
        this.breached = outcome(meters, "breached");
        Gauge.builder("leadflow.sla.first.attempt.compliance", this, FirstAttemptSla::compliance)
                .description("First attempts met over first attempts met or breached (1 when none yet)").register(meters);
    }

    /** The rep made the first attempt by its due. */
    public void met() {
        met.increment();
    }

    /** The first attempt went to the manager. */
    void breached() {
        breached.increment();
    }

    double compliance() {
        double due = met.count() + breached.count();
        return due == 0 ? 1 : met.count() / due;
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("leadflow.sla.first.attempt").description("First attempts by whether they kept the SLA")
                .tag("outcome", outcome).register(meters);
    }
}

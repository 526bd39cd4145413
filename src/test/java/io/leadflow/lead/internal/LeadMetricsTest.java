package io.leadflow.lead.internal;

import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.StageMove;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LeadMetricsTest {

    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LeadMetrics metrics = new LeadMetrics(meters);

    @Test
    void timeInAStageIsWallClock() {
        ZonedDateTime friday = ZonedDateTime.of(2026, 11, 20, 16, 0, 0, 0, BOGOTA);
        metrics.moved(new StageMove(LeadStage.MQL, friday.toInstant(), "fit", null),
                new StageMove(LeadStage.SQL, friday.plusDays(3).withHour(10).toInstant(), "qualified", null));

        assertThat(meters.get("leadflow.stage.transitions").tags("from", "MQL", "to", "SQL").counter().count()).isEqualTo(1);
        assertThat(meters.get("leadflow.stage.duration").tag("stage", "MQL").timer().totalTime(TimeUnit.HOURS)).isEqualTo(66);
    }

    @Test
    void sourcesAreCountedAsOneTagWhateverTheirCaseOrBlanks() {
        metrics.received(LeadType.FORM_FILL, " Ebook ");
        metrics.received(LeadType.FORM_FILL, "ebook");
        metrics.received(LeadType.REFERRAL, null);

        assertThat(meters.get("leadflow.leads.received").tags("type", "FORM_FILL", "source", "ebook").counter().count()).isEqualTo(2);
        assertThat(meters.get("leadflow.leads.received").tags("type", "REFERRAL", "source", "none").counter().count()).isEqualTo(1);
    }
}

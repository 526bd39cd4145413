package io.leadflow.sequence.internal;

import io.leadflow.lead.LeadType;
import io.leadflow.sequence.Channel;
import io.leadflow.sequence.SequencePlanner;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** Shows sales ops the calendar a sequence would follow, from the deployed cadence decision, before they change it. */
@Service
class SequencePreview {

    record PreviewAttempt(int step, Channel channel, OffsetDateTime at, OffsetDateTime due) {
    }

    private final Cadences cadences;
    private final SequencePlanner planner;

    SequencePreview(Cadences cadences, SequencePlanner planner) {
        this.cadences = cadences;
        this.planner = planner;
    }

    List<PreviewAttempt> preview(Instant start, String country, ZoneId zone) {
        return planner.plan(start, country, zone, cadences.of(LeadType.FORM_FILL)).stream()
                .map(a -> new PreviewAttempt(a.step(), a.channel(), a.at().toOffsetDateTime(), a.due().toOffsetDateTime()))
                .toList();
    }
}

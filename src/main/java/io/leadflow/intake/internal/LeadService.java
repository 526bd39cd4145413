package io.leadflow.intake.internal;

import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.lead.StageMove;
import io.leadflow.lead.Timeline;
import io.leadflow.sequence.Nurtures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Stores an arriving lead (or merges it into the same person's lead) together with the intent to
 * start its process, in one transaction, and answers: {@link LeadProcessStarter} starts the
 * process from there, once, whatever the engine's state at that moment. New facts merged into a
 * nurtured lead run its process again: they may change its fit. A lead sales sent back to nurture is in the nurture
 * track: a new form fill, trigger event or referral of it is a sign that takes it back to MQL.
 */
@Service
class LeadService {

    private static final Logger log = LoggerFactory.getLogger(LeadService.class);

    private final Leads leads;
    private final Timeline timeline;
    private final ProcessStartQueue starts;
    private final LeadProcessStarter starter;
    private final Nurtures nurtures;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LeadService(Leads leads, Timeline timeline, ProcessStartQueue starts, LeadProcessStarter starter, Nurtures nurtures,
                TransactionTemplate transaction, Clock clock) {
        this.leads = leads;
        this.timeline = timeline;
        this.starts = starts;
        this.starter = starter;
        this.nurtures = nurtures;
        this.transaction = transaction;
        this.clock = clock;
    }

    Leads.Received submit(LeadSubmission submission) {
        return submitAll(List.of(submission)).getFirst();
    }

    /**
     * Stores several leads in one transaction (an import's chunk), in order: a later one that is the
     * same person as an earlier one merges into it.
     */
    List<Leads.Received> submitAll(List<LeadSubmission> submissions) {
        if (submissions.isEmpty()) {
            return List.of();
        }
        List<Stored> stored = transaction.execute(status -> submissions.stream().map(this::store).toList());
        if (stored.stream().anyMatch(Stored::startRequested)) {
            starter.wake();
        }
        stored.stream().filter(lead -> lead.nurtureSign() != null).forEach(this::signalled);
        return stored.stream().map(Stored::received).toList();
    }

    /** {@code nurtureSign}: what the submission tells a nurtured lead's process, null when the lead is not in nurture. */
    private record Stored(Leads.Received received, boolean startRequested, String nurtureSign) {
    }

    /** Once stored: the lead's nurture gets the sign. The lead is answered all the same when the engine cannot be told. */
    private void signalled(Stored lead) {
        try {
            nurtures.signalled(lead.received().id(), lead.nurtureSign());
        } catch (RuntimeException e) {
            log.warn("Could not tell lead {}'s nurture of its new submission: {}", lead.received().id(), e.getMessage());
        }
    }

    private Stored store(LeadSubmission submission) {
        Leads.Received received = leads.receive(submission.type(), submission.facts(), submission.companyLeadId());
        if (received.created()) {
            starts.request(received.id(), clock.instant());
            return new Stored(received, true, null);
        }
        String sign = received.stage() == LeadStage.LEAD && wentToSales(leads.stagesOf(received.id())) ? nurtureSign(submission) : null;
        return new Stored(received, !received.changes().isEmpty() && factsUpdated(received, submission.facts().personKnown(), sign),
                sign);
    }

    /** The submission as a sign in words: "New form fill: ebook", "New trigger event". */
    static String nurtureSign(LeadSubmission submission) {
        String source = submission.facts().source();
        return "New " + submission.type().name().toLowerCase(Locale.ROOT).replace('_', ' ') + (source == null ? "" : ": " + source);
    }

    /** Records the new facts and whether the lead is identified again; returns whether it is. */
    private boolean factsUpdated(Leads.Received received, boolean personKnown, String nurtureSign) {
        Optional<String> whyNot = whyNotIdentifiedAgain(received.stage(), personKnown, () -> leads.stagesOf(received.id()))
                .or(() -> starts.requestAgain(received.id(), clock.instant()) ? Optional.empty() : Optional.of("its process has not ended"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fields", List.copyOf(received.changes().keySet()));
        details.put("identifiedAgain", whyNot.isEmpty());
        whyNot.ifPresent(reason -> details.put("because", reason));
        if (nurtureSign != null) {
            details.put("nurtureSign", nurtureSign);
        }
        timeline.record(received.id(), Timeline.Type.FACTS_UPDATED, details);
        return whyNot.isEmpty();
    }

    /**
     * Why new facts do not send a lead through identify again, if they do not: only a nurtured lead (stage LEAD)
     * with a person to qualify is decided again. An MQL or later is with sales, a disqualified lead stays so, a company
     * without a person was researched already, and a lead that went to sales before keeps its one hand-off (its
     * rep's notification and sequence are keyed by the lead): it comes back to MQL through its nurture track instead.
     */
    static Optional<String> whyNotIdentifiedAgain(LeadStage stage, boolean personKnown, Supplier<List<StageMove>> stages) {
        if (stage != LeadStage.LEAD) {
            return Optional.of("stage " + stage);
        }
        if (!personKnown) {
            return Optional.of("no person to qualify");
        }
        if (wentToSales(stages.get())) {
            return Optional.of("went to sales before");
        }
        return Optional.empty();
    }

    private static boolean wentToSales(List<StageMove> stages) {
        return stages.stream().anyMatch(move -> move.stage() == LeadStage.MQL);
    }
}

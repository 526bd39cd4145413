package io.leadflow.lead;

import io.leadflow.lead.internal.LeadMetrics;
import io.leadflow.lead.internal.LeadRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The leads: the one owner of the {@code lead} table. Intake stores arriving leads here; what other
 * features find out about a lead reaches it as events ({@link LeadEnriched}, {@link LeadQualified},
 * {@link OwnerAssigned}, {@link OwnerChanged}, {@link LeadRecycled}), handled in the publisher's transaction so the next
 * step of the process sees them.
 */
@Service
public class Leads {

    /**
     * The lead's id; whether it is new (false: merged into the same person's or company's lead); its stage (LEAD when
     * new); and the facts a merge changed (empty when new, or when the lead told nothing new).
     */
    public record Received(UUID id, boolean created, LeadStage stage, Map<String, Object> changes) {
    }

    private final LeadRepository leads;
    private final Timeline timeline;
    private final LeadMetrics metrics;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Leads(LeadRepository leads, Timeline timeline, LeadMetrics metrics, ApplicationEventPublisher events, Clock clock) {
        this.leads = leads;
        this.events = events;
        this.timeline = timeline;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Optional<Lead> find(UUID id) {
        return leads.find(id);
    }

    /** The person's lead of this address (trimmed, any case), as intake keys it. */
    public Optional<UUID> findByEmail(String address) {
        return address == null ? Optional.empty() : leads.idOfEmail(LeadFacts.emailKey(address));
    }

    public Lead get(UUID id) {
        return find(id).orElseThrow(() -> new LeadNotFoundException(id));
    }

    /** The leads of these ids that exist, by id. */
    public Map<UUID, Lead> findAll(Collection<UUID> ids) {
        return ids.isEmpty() ? Map.of() : leads.findAll(ids).stream().collect(Collectors.toMap(Lead::id, lead -> lead));
    }

    /** A page of the leads the search finds, newest first. */
    public LeadSearch.Result search(LeadSearch search) {
        List<Lead> found = leads.search(search);
        if (found.size() <= search.size()) {
            return new LeadSearch.Result(found, null);
        }
        List<Lead> page = found.subList(0, search.size());
        return new LeadSearch.Result(List.copyOf(page), LeadSearch.Cursor.after(page.getLast()).token());
    }

    /** The lead's way through the stages, oldest first. */
    public List<StageMove> stagesOf(UUID id) {
        return leads.stagesOf(id);
    }

    /**
     * Stores an arriving lead, or merges its new facts into the same person's (email) or visiting
     * company's (domain) lead; in the caller's transaction. {@code companyLeadId} is the company's lead a rep found
     * this person for, else null: the person's lead is linked to it once, and both timelines say so.
     */
    public Received receive(LeadType type, LeadFacts facts, UUID companyLeadId) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        if (leads.insertIfNew(id, type, facts, companyLeadId, now)) {
            leads.recordStage(id, new StageMove(LeadStage.LEAD, now, "received as " + type.name(), null));
            timeline.record(id, Timeline.Type.RECEIVED, received(type, facts, companyLeadId));
            metrics.received(type, facts.source());
            contactFound(companyLeadId, id, facts);
            return new Received(id, true, LeadStage.LEAD, Map.of());
        }
        Lead existing = leads.findSame(facts).orElseThrow();
        Map<String, Object> changes = leads.merge(existing, facts, now);
        if (changes.isEmpty() && companyLeadId != null && companyLeadId.equals(existing.companyLeadId())) {
            // The same research once more (a redelivered job): nothing happened.
            return new Received(existing.id(), false, existing.stage(), changes);
        }
        boolean linked = companyLeadId != null && leads.linkToCompany(existing.id(), companyLeadId, now);
        Map<String, Object> details = received(type, facts, linked ? companyLeadId : null);
        details.put("changes", changes);
        timeline.record(existing.id(), Timeline.Type.MERGED, details);
        if (linked) {
            contactFound(companyLeadId, existing.id(), facts);
        }
        return new Received(existing.id(), false, existing.stage(), changes);
    }

    @EventListener
    public void enriched(LeadEnriched event) {
        leads.updateEnrichment(event.leadId(), event.enrichment(), event.phone(), event.company(), clock.instant());
    }

    @EventListener
    public void qualified(LeadQualified event) {
        Instant now = clock.instant();
        leads.updateFit(event.leadId(), event.score(), event.reasons(), now);
        moveTo(event.leadId(), new StageMove(event.stage(), now,
                "lead-fit: score " + event.score() + " (" + String.join(", ", event.reasons()) + ")", event.model(), event.decision()));
    }

    @EventListener
    public void ownerAssigned(OwnerAssigned event) {
        leads.assignOwnerOnce(event.leadId(), event.owner(), clock.instant());
    }

    @EventListener
    public void ownerChanged(OwnerChanged event) {
        leads.changeOwner(event.leadId(), event.from(), event.to(), clock.instant());
    }

    @EventListener
    public void recycled(LeadRecycled event) {
        moveTo(event.leadId(), LeadStage.LEAD, event.reason(), event.model());
    }

    /**
     * Moves the lead to the stage a model decided, with why, and says so on the timeline; a repeated move to the
     * stage it is in changes nothing (a redelivered job).
     */
    @Transactional
    public void moveTo(UUID id, LeadStage stage, String reason, String model) {
        moveTo(id, new StageMove(stage, clock.instant(), reason, model));
    }

    /** As {@link #moveTo(UUID, LeadStage, String, String)}, with the decision that made the move when one did. */
    @Transactional
    public void moveTo(UUID id, StageMove move) {
        if (leads.moveToStage(id, move)) {
            List<StageMove> history = leads.stagesOf(id);
            if (history.size() > 1) { // a lead stored before stages were kept has no stage to leave
                StageMove left = history.get(history.size() - 2);
                metrics.moved(left, move);
                Lead lead = get(id);
                events.publishEvent(new StageLeft(id, left, move, lead.facts().country(), lead.zone()));
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("stage", move.stage().name());
            details.put("reason", move.reason());
            if (move.model() != null) {
                details.put("model", move.model());
            }
            if (move.decision() != null) {
                details.put("decision", move.decision().inWords());
            }
            timeline.record(id, Timeline.Type.STAGE_CHANGED, details);
        }
    }

    private void contactFound(UUID companyLeadId, UUID contactLeadId, LeadFacts contact) {
        if (companyLeadId != null) {
            timeline.record(companyLeadId, Timeline.Type.CONTACT_FOUND, Map.of("contactLeadId", contactLeadId, "email", contact.email()));
        }
    }

    private static Map<String, Object> received(LeadType type, LeadFacts facts, UUID companyLeadId) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("leadType", type.name());
        if (facts.source() != null) {
            details.put("source", facts.source());
        }
        if (companyLeadId != null) {
            details.put("companyLeadId", companyLeadId);
        }
        return details;
    }
}

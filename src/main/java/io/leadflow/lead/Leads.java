package io.leadflow.lead;

import io.leadflow.lead.internal.LeadMetrics;
import io.leadflow.lead.internal.LeadRepository;
import org.springframework.context.ApplicationEventPublisher;
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
 * The leads: the one owner of the {@code lead} table. Intake stores arriving leads here; what other features find out
 * about a lead (its enrichment, fit, owner) they record here, in their own transaction, so the next step of the process
 * sees it. These are calls, not events: every one of those features uses this module, which can therefore use none of
 * them (no cycles), and each write belongs to the job that found it out (effect once).
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

    /** The leads a report counts under the filter: every lead when it filters nothing. */
    public LeadSelection select(LeadFilter filter) {
        return filter.filters() ? new LeadSelection(leads.idsOf(filter)) : LeadSelection.EVERY;
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

    /**
     * Keeps what enrichment found out about the lead ({@code enrichment}, as JSON). {@code phone}: a number (E.164) a
     * provider found, {@code company}: the company's name from the reference data; each given only when the lead has
     * none (what the lead gave never gives way), else null.
     */
    public void recordEnrichment(UUID leadId, Object enrichment, String phone, String company) {
        leads.updateEnrichment(leadId, enrichment, phone, company, clock.instant());
    }

    /**
     * The fit decision, called by {@code model}, placed the lead in a stage, with its score and the reasons; {@code decision}
     * is the decision's version and the rules that matched.
     */
    public void recordFit(UUID leadId, LeadStage stage, int score, List<String> reasons, String model, RuleDecision decision) {
        Instant now = clock.instant();
        leads.updateFit(leadId, score, reasons, now);
        moveTo(leadId, new StageMove(stage, now, "lead-fit: score " + score + " (" + String.join(", ", reasons) + ")", model, decision));
    }

    /** A rep was chosen for the lead. A lead keeps its first owner: a repeated assignment changes nothing. */
    public void assignOwnerOnce(UUID leadId, String owner) {
        leads.assignOwnerOnce(leadId, owner, clock.instant());
    }

    /** The lead was handed from one rep to another; a change from an owner the lead no longer has changes nothing. */
    public void changeOwner(UUID leadId, String from, String to) {
        leads.changeOwner(leadId, from, to, clock.instant());
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

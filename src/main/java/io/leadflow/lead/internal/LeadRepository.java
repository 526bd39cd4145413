package io.leadflow.lead.internal;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadFilter;
import io.leadflow.lead.LeadSearch;
import io.leadflow.lead.LeadSelection;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.RuleDecision;
import io.leadflow.lead.StageMove;
import io.leadflow.platform.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code lead} table. Each component of {@link LeadFacts} is the column of the same name in
 * snake_case, except {@code details}, one JSON column; the statements are built from the record, so
 * a new field needs no change here.
 */
@Repository
public class LeadRepository {

    private static final String DETAILS = "details";
    private static final List<String> FIELDS = Arrays.stream(LeadFacts.class.getRecordComponents())
            .map(RecordComponent::getName).filter(name -> !name.equals(DETAILS)).toList();
    /** Kept from the first submission on a merge: the email is the key; time zone and language may be derived defaults. */
    private static final Set<String> KEPT_ON_MERGE = Set.of("email", "timeZone", "language");

    private static final String INSERT = "insert into lead (id, type, email_key, company_lead_id, details, created_at, updated_at, "
            + FIELDS.stream().map(LeadRepository::column).collect(Collectors.joining(", "))
            + ") values (:id, :type, :emailKey, :companyLeadId, cast(:details as jsonb), :now, :now, "
            + FIELDS.stream().map(field -> ":" + field).collect(Collectors.joining(", ")) + ") ";
    private static final String MERGE = "update lead set "
            + FIELDS.stream().filter(field -> !KEPT_ON_MERGE.contains(field))
                    .map(field -> column(field) + " = coalesce(:" + field + ", " + column(field) + ")")
                    .collect(Collectors.joining(", "))
            + ", details = cast(:details as jsonb), updated_at = :now where id = :id";

    private final JdbcClient jdbc;
    private final Json json;

    LeadRepository(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the lead unless the same person (or visiting company) exists; returns whether it did. */
    public boolean insertIfNew(UUID id, LeadType type, LeadFacts facts, UUID companyLeadId, Instant now) {
        String conflict = facts.emailKey() != null
                ? "on conflict (email_key) where email_key is not null do nothing"
                : "on conflict (company_domain) where email_key is null and company_domain is not null do nothing";
        Map<String, Object> values = json.toMap(facts);
        return jdbc.sql(INSERT + conflict)
                .params(columns(values))
                .param("id", id)
                .param("type", type.name())
                .param("emailKey", facts.emailKey())
                .param("companyLeadId", companyLeadId)
                .param("details", json.write(values.getOrDefault(DETAILS, Map.of())))
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    public Optional<Lead> findSame(LeadFacts facts) {
        return facts.emailKey() != null
                ? jdbc.sql("select * from lead where email_key = ? for update").param(facts.emailKey()).query(this::map).optional()
                : jdbc.sql("select * from lead where email_key is null and company_domain = ? for update")
                        .param(facts.companyDomain()).query(this::map).optional();
    }

    public Optional<Lead> find(UUID id) {
        return jdbc.sql("select * from lead where id = ?").param(id).query(this::map).optional();
    }

    public Optional<UUID> idOfEmail(String emailKey) {
        return jdbc.sql("select id from lead where email_key = ?").param(emailKey).query(UUID.class).optional();
    }

    public List<Lead> findAll(Collection<UUID> ids) {
        return jdbc.sql("select * from lead where id in (:ids)").param("ids", ids).query(this::map).list();
    }

    /**
     * The leads the search finds, newest first; one more than its size, so the caller knows whether a page follows.
     * Planned for its own values each time: the driver prepares a statement run five times on the server, whose generic
     * plan, blind to how rare the text is, walked every lead newest first (100,000 leads: 170 ms for one that matched
     * one, against 12 ms through the trigram indexes).
     */
    @Transactional(readOnly = true)
    public List<Lead> search(LeadSearch search) {
        StringBuilder where = new StringBuilder("where true");
        Map<String, Object> params = new HashMap<>();
        if (search.text() != null) {
            // The person's name as the API and pages show it (first and last), the address and the company, as typed.
            where.append(" and (lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) like :text escape '\\'"
                    + " or email_key like :text escape '\\' or lower(company) like :text escape '\\')");
            params.put("text", "%" + search.text().toLowerCase(Locale.ROOT).replaceAll("([\\\\%_])", "\\\\$1") + "%");
        }
        if (search.stage() != null) {
            where.append(" and stage = :stage");
            params.put("stage", search.stage().name());
        }
        if (search.owners() != null && search.owners().isEmpty() || search.among().ids() != null && search.among().ids().isEmpty()) {
            return List.of();
        }
        filter(new LeadFilter(search.owners(), search.source(), search.type()), where, params);
        if (search.among().ids() != null) {
            where.append(" and ").append(search.among().condition("id"));
            params.put(LeadSelection.PARAMETER, search.among().parameter());
        }
        if (search.after() != null) {
            where.append(" and (created_at, id) < (:afterAt, :afterId)");
            params.put("afterAt", Timestamp.from(search.after().createdAt()));
            params.put("afterId", search.after().id());
        }
        params.put("limit", search.size() + 1);
        jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
        return jdbc.sql("select * from lead " + where + " order by created_at desc, id desc limit :limit")
                .params(params).query(this::map).list();
    }

    /** The ids of the leads the filter keeps. */
    public Set<UUID> idsOf(LeadFilter filter) {
        if (filter.owners() != null && filter.owners().isEmpty()) {
            return Set.of();
        }
        StringBuilder where = new StringBuilder("where true");
        Map<String, Object> params = new HashMap<>();
        filter(filter, where, params);
        return Set.copyOf(jdbc.sql("select id from lead " + where).params(params).query(UUID.class).list());
    }

    /** The filter's conditions on the {@code lead} table (owners not empty), and their parameters. */
    private static void filter(LeadFilter filter, StringBuilder where, Map<String, Object> params) {
        if (filter.owners() != null) {
            where.append(" and owner in (:owners)");
            params.put("owners", filter.owners());
        }
        if (filter.source() != null) {
            where.append(" and lower(source) = :source");
            params.put("source", filter.source().toLowerCase(Locale.ROOT));
        }
        if (filter.type() != null) {
            where.append(" and type = :type");
            params.put("type", filter.type().name());
        }
    }

    /** Fills what the lead did not tell us before, and updates what changed; returns the fields that changed. */
    public Map<String, Object> merge(Lead existing, LeadFacts incoming, Instant now) {
        Map<String, Object> before = json.toMap(existing.facts());
        Map<String, Object> after = json.toMap(incoming);
        Map<String, Object> changes = changes(before, after);
        if (!changes.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>(detailsOf(before));
            details.putAll(detailsOf(after));
            jdbc.sql(MERGE)
                    .params(columns(after))
                    .param("details", json.write(details))
                    .param("now", Timestamp.from(now))
                    .param("id", existing.id())
                    .update();
        }
        return changes;
    }

    /**
     * What incoming facts (as maps of their fields) bring that is new: each field given with another value than
     * before, and each detail likewise; a field not given, or kept from the first submission, changes nothing.
     */
    static Map<String, Object> changes(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> changes = new LinkedHashMap<>();
        FIELDS.stream().filter(field -> !KEPT_ON_MERGE.contains(field)).forEach(field -> {
            Object value = after.get(field);
            if (value != null && !value.equals(before.get(field))) {
                changes.put(field, value);
            }
        });
        Map<String, Object> detailsBefore = detailsOf(before);
        detailsOf(after).forEach((key, value) -> {
            if (!value.equals(detailsBefore.get(key))) {
                changes.put(key, value);
            }
        });
        return changes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detailsOf(Map<String, Object> facts) {
        return (Map<String, Object>) facts.getOrDefault(DETAILS, Map.of());
    }

    /** Links the person to the company's lead a rep found them for, unless it is linked already; returns whether it did. */
    public boolean linkToCompany(UUID id, UUID companyLeadId, Instant now) {
        return jdbc.sql("update lead set company_lead_id = ?, updated_at = ? where id = ? and company_lead_id is null")
                .params(companyLeadId, Timestamp.from(now), id).update() == 1;
    }

    /** Stores what enrichment found; a phone it found fills the lead's only when the lead has none. */
    public void updateEnrichment(UUID id, Object enrichment, String phone, String company, Instant now) {
        jdbc.sql("update lead set enrichment = cast(? as jsonb), phone = coalesce(phone, ?), company = coalesce(company, ?),"
                        + " updated_at = ? where id = ?")
                .params(json.write(enrichment), phone, company, Timestamp.from(now), id).update();
    }

    public void updateFit(UUID id, int score, List<String> reasons, Instant now) {
        jdbc.sql("update lead set fit_score = ?, fit_reasons = cast(? as jsonb), updated_at = ? where id = ?")
                .params(score, json.write(reasons), Timestamp.from(now), id).update();
    }

    /** Moves the lead to the stage and records why, unless it is there already; true if it moved. */
    public boolean moveToStage(UUID id, StageMove move) {
        int moved = jdbc.sql("update lead set stage = ?, updated_at = ? where id = ? and stage <> ?")
                .params(move.stage().name(), Timestamp.from(move.at()), id, move.stage().name()).update();
        if (moved == 1) {
            recordStage(id, move);
        }
        return moved == 1;
    }

    public void recordStage(UUID id, StageMove move) {
        jdbc.sql("insert into lead_stage (lead_id, stage, at, reason, model, decision) values (?, ?, ?, ?, ?, cast(? as jsonb))")
                .params(id, move.stage().name(), Timestamp.from(move.at()), move.reason(), move.model(),
                        move.decision() == null ? null : json.write(move.decision())).update();
    }

    public List<StageMove> stagesOf(UUID id) {
        return jdbc.sql("select stage, at, reason, model, decision from lead_stage where lead_id = ? order by id")
                .param(id)
                .query((rs, row) -> new StageMove(LeadStage.valueOf(rs.getString("stage")), rs.getTimestamp("at").toInstant(),
                        rs.getString("reason"), rs.getString("model"), decision(rs.getString("decision"))))
                .list();
    }

    private RuleDecision decision(String stored) {
        return stored == null ? null : json.convert(json.map(stored), RuleDecision.class);
    }

    /** Sets the owner once: a redelivered assignment keeps the first rep. */
    public void assignOwnerOnce(UUID id, String owner, Instant now) {
        jdbc.sql("update lead set owner = ?, updated_at = ? where id = ? and owner is null")
                .params(owner, Timestamp.from(now), id).update();
    }

    /** Hands the lead from one owner to another, if it still has the first. */
    public void changeOwner(UUID id, String from, String to, Instant now) {
        jdbc.sql("update lead set owner = ?, updated_at = ? where id = ? and owner = ?")
                .params(to, Timestamp.from(now), id, from).update();
    }

    /** The facts' column values by field name, as named parameters. */
    private static Map<String, Object> columns(Map<String, Object> facts) {
        Map<String, Object> columns = new HashMap<>();
        FIELDS.forEach(field -> columns.put(field, facts.get(field)));
        return columns;
    }

    private static String column(String field) {
        return field.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private Lead map(ResultSet rs, int row) throws SQLException {
        Map<String, Object> facts = new HashMap<>();
        for (String field : FIELDS) {
            facts.put(field, rs.getObject(column(field)));
        }
        facts.put(DETAILS, json.map(rs.getString(DETAILS)));
        return new Lead(
                rs.getObject("id", UUID.class),
                LeadType.valueOf(rs.getString("type")),
                json.convert(facts, LeadFacts.class),
                rs.getObject("company_lead_id", UUID.class),
                LeadStage.valueOf(rs.getString("stage")),
                (Integer) rs.getObject("fit_score"),
                json.strings(rs.getString("fit_reasons")),
                json.map(rs.getString("enrichment")),
                rs.getString("owner"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}

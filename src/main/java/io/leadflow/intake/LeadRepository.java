package io.leadflow.intake;

import io.leadflow.platform.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Repository
public class LeadRepository {

    private final JdbcClient jdbc;
    private final Json json;

    LeadRepository(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the lead unless the same person (or visiting company) exists; returns whether it did. */
    boolean insertIfNew(UUID id, LeadSubmission lead, Instant now) {
        String conflict = lead.emailKey() != null
                ? "on conflict (email_key) where email_key is not null do nothing"
                : "on conflict (company_domain) where email_key is null and company_domain is not null do nothing";
        return jdbc.sql("""
                        insert into lead (id, type, email, email_key, first_name, last_name, job_title, company,
                            company_domain, employees, industry, country, time_zone, language, source, details,
                            created_at, updated_at)
                        values (:id, :type, :email, :emailKey, :firstName, :lastName, :jobTitle, :company,
                            :companyDomain, :employees, :industry, :country, :timeZone, :language, :source,
                            cast(:details as jsonb), :now, :now)
                        """ + conflict)
                .params(facts(lead))
                .param("id", id)
                .param("type", lead.type().name())
                .param("email", lead.email())
                .param("emailKey", lead.emailKey())
                .param("timeZone", lead.timeZone())
                .param("language", lead.language())
                .param("details", json.write(details(lead)))
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    Optional<Lead> findSame(LeadSubmission lead) {
        return lead.emailKey() != null
                ? jdbc.sql("select * from lead where email_key = ? for update").param(lead.emailKey()).query(this::map).optional()
                : jdbc.sql("select * from lead where email_key is null and company_domain = ? for update")
                        .param(lead.companyDomain()).query(this::map).optional();
    }

    public Optional<Lead> find(UUID id) {
        return jdbc.sql("select * from lead where id = ?").param(id).query(this::map).optional();
    }

    public Lead get(UUID id) {
        return find(id).orElseThrow(() -> new LeadNotFoundException(id));
    }

    /** Fills what the lead did not tell us before, and updates what changed; returns the fields that changed. */
    Map<String, Object> merge(Lead existing, LeadSubmission lead, Instant now) {
        Map<String, Object> changes = new LinkedHashMap<>();
        compare(changes, "firstName", existing.firstName(), lead.firstName());
        compare(changes, "lastName", existing.lastName(), lead.lastName());
        compare(changes, "jobTitle", existing.jobTitle(), lead.jobTitle());
        compare(changes, "company", existing.company(), lead.company());
        compare(changes, "companyDomain", existing.companyDomain(), lead.companyDomain());
        compare(changes, "employees", existing.employees(), lead.employees());
        compare(changes, "industry", existing.industry(), lead.industry());
        compare(changes, "country", existing.country(), lead.country());
        compare(changes, "source", existing.source(), lead.source());
        Map<String, Object> details = new LinkedHashMap<>(existing.details());
        details(lead).forEach((key, value) -> {
            if (!value.equals(details.get(key))) {
                details.put(key, value);
                changes.put(key, value);
            }
        });
        if (changes.isEmpty()) {
            return changes;
        }
        jdbc.sql("""
                        update lead set first_name = coalesce(:firstName, first_name), last_name = coalesce(:lastName, last_name),
                            job_title = coalesce(:jobTitle, job_title), company = coalesce(:company, company),
                            company_domain = coalesce(:companyDomain, company_domain), employees = coalesce(:employees, employees),
                            industry = coalesce(:industry, industry), country = coalesce(:country, country),
                            source = coalesce(:source, source), details = cast(:details as jsonb), updated_at = :now
                        where id = :id
                        """)
                .params(facts(lead))
                .param("details", json.write(details))
                .param("now", Timestamp.from(now))
                .param("id", existing.id())
                .update();
        return changes;
    }

    public void updateEnrichment(UUID id, Object enrichment, Instant now) {
        jdbc.sql("update lead set enrichment = cast(? as jsonb), updated_at = ? where id = ?")
                .params(json.write(enrichment), Timestamp.from(now), id).update();
    }

    public void updateQualification(UUID id, LeadStage stage, int score, List<String> reasons, Instant now) {
        jdbc.sql("update lead set stage = ?, fit_score = ?, fit_reasons = cast(? as jsonb), updated_at = ? where id = ?")
                .params(stage.name(), score, json.write(reasons), Timestamp.from(now), id).update();
    }

    public void updateStage(UUID id, LeadStage stage, Instant now) {
        jdbc.sql("update lead set stage = ?, updated_at = ? where id = ?").params(stage.name(), Timestamp.from(now), id).update();
    }

    /** Sets the owner once: a redelivered assignment keeps the first rep. Returns the owner in force. */
    public String assignOwnerOnce(UUID id, String owner, Instant now) {
        jdbc.sql("update lead set owner = ?, updated_at = ? where id = ? and owner is null")
                .params(owner, Timestamp.from(now), id).update();
        return get(id).owner();
    }

    /** The facts a lead tells about itself, as named parameters for insert and merge alike. */
    private static Map<String, Object> facts(LeadSubmission lead) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("firstName", lead.firstName());
        facts.put("lastName", lead.lastName());
        facts.put("jobTitle", lead.jobTitle());
        facts.put("company", lead.company());
        facts.put("companyDomain", lead.companyDomain());
        facts.put("employees", lead.employees());
        facts.put("industry", lead.industry());
        facts.put("country", lead.country());
        facts.put("source", lead.source());
        return facts;
    }

    private static void compare(Map<String, Object> changes, String field, Object before, Object after) {
        if (after != null && !after.equals(before)) {
            changes.put(field, after);
        }
    }

    private static Map<String, Object> details(LeadSubmission lead) {
        Map<String, Object> details = new LinkedHashMap<>();
        putIfPresent(details, "visitorIp", lead.visitorIp());
        if (!lead.pagesViewed().isEmpty()) {
            details.put("pagesViewed", lead.pagesViewed());
        }
        putIfPresent(details, "eventKind", lead.eventKind());
        putIfPresent(details, "eventUrl", lead.eventUrl());
        putIfPresent(details, "referredBy", lead.referredBy());
        return details;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private Lead map(ResultSet rs, int row) throws SQLException {
        return new Lead(
                rs.getObject("id", UUID.class),
                LeadType.valueOf(rs.getString("type")),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("job_title"),
                rs.getString("company"),
                rs.getString("company_domain"),
                (Integer) rs.getObject("employees"),
                rs.getString("industry"),
                rs.getString("country"),
                ZoneId.of(rs.getString("time_zone")),
                rs.getString("language"),
                rs.getString("source"),
                json.map(rs.getString("details")),
                LeadStage.valueOf(rs.getString("stage")),
                (Integer) rs.getObject("fit_score"),
                json.strings(rs.getString("fit_reasons")),
                json.map(rs.getString("enrichment")),
                rs.getString("owner"),
                (Long) rs.getObject("process_instance_key"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}

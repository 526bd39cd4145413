package io.leadflow.reports.internal;

import io.leadflow.assignment.LeadQuota;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.assignment.RepWorkload;
import io.leadflow.assignment.SlaQuery;
import io.leadflow.lead.FunnelQuery;
import io.leadflow.lead.LeadFilter;
import io.leadflow.lead.LeadSelection;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.reports.ReportDays;
import io.leadflow.scoring.Rejections;
import io.leadflow.sequence.SequenceStats;
import io.leadflow.tasklist.TaskLoad;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The managers' reports, composed from the owning modules' queries. Periods are whole days in UTC, [from, to). */
@Service
class Reports {

    /** How the funnel groups leads, as the API names it. */
    enum GroupBy { REP, TEAM, SOURCE, TYPE }

    /**
     * The leads a report is about, as a URL gives them (blank: not filtered): a team's reps' leads, a rep's
     * (username), a source's, a lead type's.
     */
    record Filters(String team, String rep, String source, String type) {

        static final Filters NONE = new Filters(null, null, null, null);
    }

    /** A group for leads without an owner or a source. */
    static final String NONE = "(none)";

    private final FunnelQuery funnel;
    private final SlaQuery sla;
    private final SequenceStats sequences;
    private final RepDirectory reps;
    private final TaskLoad tasks;
    private final Rejections rejections;
    private final LeadQuota quota;
    private final Leads leads;

    Reports(FunnelQuery funnel, SlaQuery sla, SequenceStats sequences, RepDirectory reps, TaskLoad tasks, Rejections rejections,
            LeadQuota quota, Leads leads) {
        this.leads = leads;
        this.rejections = rejections;
        this.quota = quota;
        this.funnel = funnel;
        this.sla = sla;
        this.sequences = sequences;
        this.reps = reps;
        this.tasks = tasks;
    }

    /**
     * The leads the filters keep.
     *
     * @throws InvalidRequestException naming each filter at fault (an unknown team, rep or lead type)
     */
    LeadSelection select(Filters filters) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> owners = owners(filters, errors);
        String type = given(filters.type());
        LeadType leadType = null;
        if (type != null) {
            leadType = Arrays.stream(LeadType.values()).filter(t -> t.name().equalsIgnoreCase(type)).findFirst().orElse(null);
            if (leadType == null) {
                errors.add(new FieldError("type", "must be one of " + Arrays.stream(LeadType.values()).map(Enum::name)
                        .collect(Collectors.joining(", "))));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The filters name no such leads", errors);
        }
        return leads.select(new LeadFilter(owners, given(filters.source()), leadType));
    }

    /**
     * The reps the team and rep filters keep (null: every rep), for the reports about reps rather than leads.
     *
     * @throws InvalidRequestException naming the filter at fault (an unknown team or rep)
     */
    Set<String> owners(Filters filters) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> owners = owners(filters, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The filters name no such reps", errors);
        }
        return owners;
    }

    private Set<String> owners(Filters filters, List<FieldError> errors) {
        Set<String> owners = null;
        String team = given(filters.team());
        if (team != null) {
            owners = reps.repsOf(team).orElse(null);
            if (owners == null) {
                errors.add(new FieldError("team", "is not a team"));
            }
        }
        String rep = given(filters.rep());
        if (rep != null) {
            if (reps.rep(rep).isEmpty()) {
                errors.add(new FieldError("rep", "is not a rep"));
            } else {
                owners = owners == null || owners.contains(rep) ? Set.of(rep) : Set.of();
            }
        }
        return owners;
    }

    private static String given(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    FunnelReport funnel(LocalDate from, LocalDate to, GroupBy groupBy, LeadSelection selected) {
        FunnelQuery.Grouping grouping = groupBy == null ? FunnelQuery.Grouping.ALL : switch (groupBy) {
            case REP, TEAM -> FunnelQuery.Grouping.OWNER;
            case SOURCE -> FunnelQuery.Grouping.SOURCE;
            case TYPE -> FunnelQuery.Grouping.TYPE;
        };
        List<FunnelQuery.Counts> counts = funnel.counts(ReportDays.start(from), ReportDays.start(to), grouping, selected).stream()
                .map(group -> named(group, Objects.requireNonNullElse(group.group(), NONE))).toList();
        return new FunnelReport(from, to, groupBy == null ? null : groupBy.name().toLowerCase(Locale.ROOT),
                (groupBy == GroupBy.TEAM ? byTeam(counts) : counts).stream().map(FunnelReport.Group::of).toList());
    }

    /** The owners' counts summed per team, in team order (each lead has one owner, so no lead counts twice). */
    private List<FunnelQuery.Counts> byTeam(List<FunnelQuery.Counts> byOwner) {
        Map<String, String> teamOf = reps.workloads().stream().map(RepWorkload::rep)
                .collect(Collectors.toMap(rep -> rep.username(), rep -> rep.team()));
        Map<String, FunnelQuery.Counts> byTeam = new TreeMap<>();
        for (FunnelQuery.Counts owner : byOwner) {
            String team = teamOf.getOrDefault(owner.group(), NONE);
            byTeam.merge(team, named(owner, team), (a, b) -> a.plus(b, team));
        }
        return List.copyOf(byTeam.values());
    }

    private static FunnelQuery.Counts named(FunnelQuery.Counts counts, String group) {
        return new FunnelQuery.Counts(group, counts.reached(), counts.lost(), counts.disqualified(), counts.nurture());
    }

    SlaReport sla(LocalDate from, LocalDate to, LeadSelection selected) {
        Instant start = ReportDays.start(from);
        Instant end = ReportDays.start(to);
        return SlaReport.of(from, to, sequences.firstAttempts(start, end, selected),
                sla.breaches(start, end, selected, SlaReport.BREACHES_SHOWN));
    }

    SequencesReport sequences(LocalDate from, LocalDate to, LeadSelection selected) {
        Instant start = ReportDays.start(from);
        Instant end = ReportDays.start(to);
        return SequencesReport.of(from, to, sequences.steps(start, end, selected), sequences.templates(start, end, selected),
                sequences.engagement(start, end, selected), sequences.variants(start, end, selected));
    }

    RejectionsReport rejections(LocalDate from, LocalDate to, LeadSelection selected) {
        return RejectionsReport.of(from, to, rejections.summary(ReportDays.start(from), ReportDays.start(to), selected));
    }

    QuotaReport quota(LocalDate from, LocalDate to, Set<String> owners) {
        return QuotaReport.of(quota.of(from, to, owners));
    }

    /** Each of {@code owners}' (null: every rep's) open and overdue tasks now, and the leads handed to them in the period. */
    RepsReport reps(LocalDate from, LocalDate to, Set<String> owners) {
        Map<String, TaskLoad.Load> load = tasks.byAssignee();
        Map<String, Long> assigned = reps.assigned(ReportDays.start(from), ReportDays.start(to));
        double months = LeadQuota.monthsIn(from, to);
        return new RepsReport(from, to, reps.workloads().stream().map(RepWorkload::rep)
                .filter(rep -> owners == null || owners.contains(rep.username()))
                .map(rep -> {
                    TaskLoad.Load tasksOf = load.getOrDefault(rep.username(), new TaskLoad.Load(0, 0));
                    long handed = assigned.getOrDefault(rep.username(), 0L);
                    long capacity = Math.round(rep.monthlyCapacity() * months);
                    return new RepsReport.Rep(rep.username(), rep.name(), rep.team(), tasksOf.open(), tasksOf.overdue(), handed,
                            rep.monthlyCapacity(), capacity, Rates.rate(handed, capacity));
                }).toList());
    }
}

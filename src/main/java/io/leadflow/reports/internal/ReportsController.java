package io.leadflow.reports.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.leadflow.platform.ApiDocumentation;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.reports.ReportDays;
import io.swagger.v3.oas.annotations.Operation;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The managers' reports (managers only, see SecurityConfiguration): JSON, or CSV with {@code Accept: text/csv}. A period
 * is {@code from} (inclusive) to {@code to} (exclusive), ISO dates in UTC; without them, the month to date. The funnel,
 * the SLA, the sequences and the rejections count the leads of a {@code team}, a {@code rep}, a {@code source} and a lead {@code type}
 * when given; the reps and the quota, a team's reps or one rep.
 */
@RestController
@Tag(name = ApiDocumentation.REPORTS)
@RequestMapping(value = "/api/reports", produces = {MediaType.APPLICATION_JSON_VALUE, CsvReports.TEXT_CSV_VALUE})
class ReportsController {

    private final Reports reports;
    private final Clock clock;

    ReportsController(Reports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @Operation(summary = "The funnel: per group (groupBy rep, team, source or type), the leads that reached each stage in the "
            + "period and the conversion of each step")
    @GetMapping("/funnel")
    FunnelReport funnel(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                        @RequestParam(required = false) String groupBy, @ParameterObject Reports.Filters filters) {
        ApiPeriod period = ApiPeriod.monthToDate(from, to, clock);
        return reports.funnel(period.from(), period.to(), groupBy(groupBy), reports.select(filters));
    }

    @Operation(summary = "First-attempt SLA: the first attempts due in the period kept in time, per ISO week, the median "
            + "working hours to the first attempt, and the latest breaches with their lead and task")
    @GetMapping("/sla")
    SlaReport sla(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @ParameterObject Reports.Filters filters) {
        ApiPeriod period = ApiPeriod.monthToDate(from, to, clock);
        return reports.sla(period.from(), period.to(), reports.select(filters));
    }

    @Operation(summary = "Per sequence step, email template and A/B variant: attempts made, replies, meetings, "
            + "unsubscribes, bounces, opens and clicks, with their rates and each variant against its control")
    @GetMapping("/sequences")
    SequencesReport sequences(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                              @ParameterObject Reports.Filters filters) {
        ApiPeriod period = ApiPeriod.monthToDate(from, to, clock);
        return reports.sequences(period.from(), period.to(), reports.select(filters));
    }

    @Operation(summary = "MQLs reps handed back at hand-off in the period, by reason, source, lead type and the fit rule "
            + "that made them MQLs")
    @GetMapping("/rejections")
    RejectionsReport rejections(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                @ParameterObject Reports.Filters filters) {
        ApiPeriod period = ApiPeriod.monthToDate(from, to, clock);
        return reports.rejections(period.from(), period.to(), reports.select(filters));
    }

    @Operation(summary = "Marketing's side of the SLA in a calendar month (month, as 2026-12) or a period (from, to): leads "
            + "delivered per team and rep against the quota, and what is owed by now; the month under way when neither is given")
    @GetMapping("/quota")
    QuotaReport quota(@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth month,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                      @RequestParam(required = false) String team, @RequestParam(required = false) String rep) {
        Set<String> owners = reports.owners(new Reports.Filters(team, rep, null, null));
        YearMonth whole = month == null && from == null && to == null ? YearMonth.from(ReportDays.today(clock)) : month;
        ApiPeriod period = whole != null ? new ApiPeriod(whole.atDay(1), whole.plusMonths(1).atDay(1))
                : ApiPeriod.monthToDate(from, to, clock);
        return reports.quota(period.from(), period.to(), owners);
    }

    @Operation(summary = "Each rep's (of a team, or one rep) open and overdue tasks now, and the leads handed to them in the "
            + "period against their capacity for it")
    @GetMapping("/reps")
    RepsReport reps(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                    @RequestParam(required = false) String team, @RequestParam(required = false) String rep) {
        ApiPeriod period = ApiPeriod.monthToDate(from, to, clock);
        return reports.reps(period.from(), period.to(), reports.owners(new Reports.Filters(team, rep, null, null)));
    }

    private static Reports.GroupBy groupBy(String value) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(Reports.GroupBy.values()).filter(g -> g.name().equalsIgnoreCase(value.strip())).findFirst()
                .orElseThrow(() -> new InvalidRequestException("Unknown grouping", List.of(new FieldError("groupBy", "must be one of "
                        + Arrays.stream(Reports.GroupBy.values()).map(g -> g.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))))));
    }
}

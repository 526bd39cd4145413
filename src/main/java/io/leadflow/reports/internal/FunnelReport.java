package io.leadflow.reports.internal;

import io.leadflow.lead.FunnelQuery;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** GET /api/reports/funnel: per group, the leads that reached each stage in the period and the conversion per step. */
record FunnelReport(LocalDate from, LocalDate to, String groupBy, List<Group> groups) implements CsvTable {

    record Stage(String stage, long reached) {
    }

    record Conversion(String from, String to, double rate) {
    }

    record Group(String group, List<Stage> stages, List<Conversion> conversions, long lost, long disqualified, long nurture) {

        static Group of(FunnelQuery.Counts counts) {
            long[] reached = counts.reached();
            List<Stage> stages = IntStream.range(0, reached.length)
                    .mapToObj(i -> new Stage(FunnelQuery.STAGES.get(i).name(), reached[i])).toList();
            List<Conversion> conversions = IntStream.range(1, reached.length)
                    .mapToObj(i -> new Conversion(stages.get(i - 1).stage(), stages.get(i).stage(), Rates.rate(reached[i], reached[i - 1])))
                    .toList();
            return new Group(counts.group(), stages, conversions, counts.lost(), counts.disqualified(), counts.nurture());
        }
    }

    @Override
    public List<String> csvHeader() {
        return List.of("group", "stage", "leads", "conversion");
    }

    /** A row per group and funnel stage (conversion from the stage before), then its lost, disqualified and nurture. */
    @Override
    public List<List<?>> csvRows() {
        List<List<?>> rows = new ArrayList<>();
        for (Group group : groups) {
            for (int i = 0; i < group.stages().size(); i++) {
                Stage stage = group.stages().get(i);
                rows.add(Arrays.asList(group.group(), stage.stage(), stage.reached(),
                        i == 0 ? null : group.conversions().get(i - 1).rate()));
            }
            rows.add(Arrays.asList(group.group(), "LOST", group.lost(), null));
            rows.add(Arrays.asList(group.group(), "DISQUALIFIED", group.disqualified(), null));
            rows.add(Arrays.asList(group.group(), "NURTURE", group.nurture(), null));
        }
        return rows;
    }
}

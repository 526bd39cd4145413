package io.leadflow.simulation.internal;

import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The candidate models against the deployed ones, both replayed alike: the totals of each side and the leads whose
 * outcome differs, each with what changed and both outcomes.
 *
 * @param leads       the leads replayed
 * @param unchanged   the leads whose outcome is the same on both sides
 * @param repCapacity each rep's monthly capacity, to read the weekly loads against
 */
record SimulationDiff(int leads, int unchanged, Totals deployed, Totals candidate, List<ChangedLead> changedLeads,
                      Map<String, Integer> repCapacity) {

    /**
     * One side's totals: leads by stage (the fit decision's), team and owner; rep tasks; SLA breaches; mails by step and
     * template; the average working hours from arrival to the first touch made; leads assigned per rep and ISO week (UTC);
     * incidents; leads by the furthest stage reached; rep tasks by name; the tasks not done by their due; breaches by kind.
     */
    record Totals(Map<String, Integer> stages, Map<String, Integer> teams, Map<String, Integer> owners, int tasks, int breaches,
                  Map<String, Integer> emails, Double averageFirstTouchWorkingHours, Map<String, Map<String, Integer>> repLoadPerWeek,
                  int incidents, Map<String, Integer> stagesReached, Map<String, Integer> tasksByName, int tasksNotDoneByDue,
                  Map<String, Integer> breachesByKind) {

        static Totals of(List<LeadOutcome> outcomes) {
            Map<String, Integer> emails = new TreeMap<>();
            Map<String, Map<String, Integer>> load = new TreeMap<>();
            Map<String, Integer> tasksByName = new TreeMap<>();
            Map<String, Integer> breachesByKind = new TreeMap<>();
            int notDoneByDue = 0;
            for (LeadOutcome outcome : outcomes) {
                outcome.emails().forEach((step, count) -> emails.merge(step, count, Integer::sum));
                outcome.breaches().forEach(breach -> breachesByKind.merge(breach, 1, Integer::sum));
                for (LeadOutcome.Task task : outcome.tasks()) {
                    tasksByName.merge(task.name(), 1, Integer::sum);
                    if (task.due() != null && (task.completedAt() == null || task.completedAt().isAfter(task.due()))) {
                        notDoneByDue++;
                    }
                }
                if (outcome.owner() != null && outcome.assignedAt() != null) {
                    var day = outcome.assignedAt().atZone(ZoneOffset.UTC);
                    String week = "%d-W%02d".formatted(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                    load.computeIfAbsent(outcome.owner(), rep -> new TreeMap<>()).merge(week, 1, Integer::sum);
                }
            }
            return new Totals(countBy(outcomes, LeadOutcome::stage), countBy(outcomes, LeadOutcome::team),
                    countBy(outcomes, LeadOutcome::owner), outcomes.stream().mapToInt(o -> o.tasks().size()).sum(),
                    outcomes.stream().mapToInt(o -> o.breaches().size()).sum(), emails,
                    outcomes.stream().map(LeadOutcome::firstTouchWorkingHours).filter(Objects::nonNull)
                            .mapToDouble(Double::doubleValue).average().stream().boxed().findFirst().orElse(null),
                    load, outcomes.stream().mapToInt(o -> o.incidents().size()).sum(), countBy(outcomes, LeadOutcome::stageReached),
                    tasksByName, notDoneByDue, breachesByKind);
        }

        private static Map<String, Integer> countBy(List<LeadOutcome> outcomes, Function<LeadOutcome, String> key) {
            Map<String, Integer> counts = new TreeMap<>();
            outcomes.forEach(outcome -> counts.merge(String.valueOf(key.apply(outcome)), 1, Integer::sum));
            return counts;
        }
    }

    /** A lead whose outcome differs: what differs, and both outcomes; {@code link} is its page. */
    record ChangedLead(UUID leadId, String name, String link, List<String> changed, LeadOutcome deployed, LeadOutcome candidate) {
    }

    /** Both sides' outcomes, lead by lead in the same order. */
    static SimulationDiff of(List<LeadOutcome> deployed, List<LeadOutcome> candidate, Map<String, Integer> repCapacity) {
        List<ChangedLead> changed = new ArrayList<>();
        for (int i = 0; i < deployed.size(); i++) {
            LeadOutcome before = deployed.get(i);
            LeadOutcome after = candidate.get(i);
            List<String> changes = after.changesFrom(before);
            if (!changes.isEmpty()) {
                changed.add(new ChangedLead(before.leadId(), before.name(), "/leads/" + before.leadId(), changes, before, after));
            }
        }
        return new SimulationDiff(deployed.size(), deployed.size() - changed.size(), Totals.of(deployed), Totals.of(candidate),
                List.copyOf(changed), repCapacity);
    }
}

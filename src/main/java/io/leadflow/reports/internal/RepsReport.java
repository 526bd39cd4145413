package io.leadflow.reports.internal;

import java.time.LocalDate;
import java.util.List;

/**
 * GET /api/reports/reps: each rep's open and overdue tasks now, and the leads handed to them in the period [from, to)
 * against their capacity for it (the monthly capacity times the months the period covers).
 */
record RepsReport(LocalDate from, LocalDate to, List<Rep> reps) implements CsvTable {

    record Rep(String username, String name, String team, long openTasks, long overdueTasks, long assigned,
               long monthlyCapacity, long capacity, double capacityUse) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("username", "name", "team", "openTasks", "overdueTasks", "assigned", "monthlyCapacity", "capacity", "capacityUse");
    }

    @Override
    public List<List<?>> csvRows() {
        return reps.stream().<List<?>>map(rep -> List.of(rep.username(), rep.name(), rep.team(), rep.openTasks(), rep.overdueTasks(),
                rep.assigned(), rep.monthlyCapacity(), rep.capacity(), rep.capacityUse())).toList();
    }
}

package io.leadflow.reports.internal;

import java.util.List;

/** GET /api/reports/reps: each rep's open and overdue tasks now, and this month's leads against their capacity. */
record RepsReport(List<Rep> reps) implements CsvTable {

    record Rep(String username, String name, String team, long openTasks, long overdueTasks, long assignedThisMonth,
               long monthlyCapacity, double capacityUse) {
    }

    @Override
    public List<String> csvHeader() {
        return List.of("username", "name", "team", "openTasks", "overdueTasks", "assignedThisMonth", "monthlyCapacity", "capacityUse");
    }

    @Override
    public List<List<?>> csvRows() {
        return reps.stream().<List<?>>map(rep -> List.of(rep.username(), rep.name(), rep.team(), rep.openTasks(), rep.overdueTasks(),
                rep.assignedThisMonth(), rep.monthlyCapacity(), rep.capacityUse())).toList();
    }
}

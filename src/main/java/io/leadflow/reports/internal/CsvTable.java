package io.leadflow.reports.internal;

import java.util.List;

/** A report as a table: what {@link CsvReports} writes when a client asks for text/csv. */
public interface CsvTable {

    List<String> csvHeader();

    /** One row per group × stage, step, template, rep, … with a value per header column (null: empty). */
    List<List<?>> csvRows();
}

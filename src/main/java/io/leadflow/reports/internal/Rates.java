package io.leadflow.reports.internal;

/** One rule for every rate in the reports: a share of a whole, 0 of nothing, to four decimals. */
final class Rates {

    private Rates() {
    }

    static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    /** Hours to two decimals (null stays null: nothing measured). */
    static Double hours(Double hours) {
        return hours == null ? null : Math.round(hours * 100) / 100.0;
    }
}

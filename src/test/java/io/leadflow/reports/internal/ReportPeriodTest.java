package io.leadflow.reports.internal;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The managers' page's periods on Wednesday 25 November 2026: whole UTC days, both ends included. */
class ReportPeriodTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @Test
    void eachPickerValueNamesItsDays() {
        assertPeriod("this-week", "2026-11-23", "2026-11-25");
        assertPeriod("this-month", "2026-11-01", "2026-11-25");
        assertPeriod("last-month", "2026-10-01", "2026-10-31");
        assertPeriod("last-quarter", "2026-07-01", "2026-09-30");
        assertPeriod(null, "2026-11-01", "2026-11-25");
        assertPeriod("fortnight", "2026-11-01", "2026-11-25");
        assertThat(ReportPeriod.of("last-quarter", null, null, LocalDate.of(2027, 2, 10)).period())
                .isEqualTo(new ReportPeriod(ReportPeriod.Kind.LAST_QUARTER, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31)));
    }

    @Test
    void aCustomPeriodTakesItsDatesAndTheApiEndsTheDayAfter() {
        ReportPeriod.Chosen custom = ReportPeriod.of("custom", "2026-11-03", " 2026-11-03 ", TODAY);
        assertThat(custom.errors()).isEmpty();
        assertThat(custom.period().kind()).isEqualTo(ReportPeriod.Kind.CUSTOM);
        assertThat(custom.period().to()).isEqualTo(LocalDate.of(2026, 11, 4));
    }

    @Test
    void aCustomPeriodThatCannotBeReadIsThisMonthWithTheFieldsAtFault() {
        assertThat(ReportPeriod.of("custom", "yesterday", "", TODAY).errors()).containsExactly("from", "to");
        ReportPeriod.Chosen reversed = ReportPeriod.of("custom", "2026-11-10", "2026-11-01", TODAY);
        assertThat(reversed.errors()).isEqualTo(List.of("to"));
        assertThat(reversed.period()).isEqualTo(new ReportPeriod(ReportPeriod.Kind.THIS_MONTH, LocalDate.of(2026, 11, 1), TODAY));
    }

    private static void assertPeriod(String value, String first, String last) {
        ReportPeriod.Chosen chosen = ReportPeriod.of(value, null, null, TODAY);
        assertThat(chosen.errors()).as(value).isEmpty();
        assertThat(List.of(chosen.period().first(), chosen.period().last())).as(value)
                .containsExactly(LocalDate.parse(first), LocalDate.parse(last));
    }
}

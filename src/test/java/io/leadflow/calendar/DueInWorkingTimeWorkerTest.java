package io.leadflow.calendar;

import io.leadflow.process.WorkingTimeJob;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dues the models ask for, each stage's SLA in working hours (lead-identify, lead-explore, lead-advise,
 * the manager's decision in lead-sequence), fall in the lead's working time: a task opened late on a Friday is due
 * days later at the same working hour, the weekend skipped, so its escalation timer fires in working time only.
 */
class DueInWorkingTimeWorkerTest {

    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");
    /** Friday 6 March 2026, 16:00 in Bogotá: an hour of the working day left. */
    private static final LocalDateTime FRIDAY_1600 = LocalDateTime.of(2026, 3, 6, 16, 0);

    @ParameterizedTest(name = "{0}: {1} working hours → {2}")
    @CsvSource({
            "the manager's decision, 4, 2026-03-09T12:00",
            "research who to contact, 8, 2026-03-09T16:00",
            "qualify lead, 16, 2026-03-10T16:00",
            "prepare proposal, 40, 2026-03-13T16:00",
            "record deal outcome, 80, 2026-03-20T16:00"})
    void aStagesDueFromLateOnFridayIsInTheLeadsWorkingTime(String stage, int workingHours, LocalDateTime expected) {
        Clock friday = Clock.fixed(FRIDAY_1600.atZone(BOGOTA).toInstant(), BOGOTA);
        DueInWorkingTimeWorker worker = new DueInWorkingTimeWorker(
                new BusinessHoursCalendar(friday, new CalendarProperties(LocalTime.of(9, 0), LocalTime.of(17, 0))));

        WorkingTimeJob.Due due = worker.dueInWorkingTime(new WorkingTimeJob.Variables("CO", "America/Bogota", workingHours));

        assertThat(OffsetDateTime.parse(due.due()).atZoneSameInstant(BOGOTA).toLocalDateTime()).isEqualTo(expected);
        assertThat(due.inWorkingTime()).isTrue();
    }
}

package io.leadflow.assignment.internal;

import io.leadflow.assignment.Rep;
import io.leadflow.assignment.internal.Rotation.Candidate;
import io.leadflow.assignment.internal.Rotation.Turn;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Who is next in a team, decided from each rep's state, load this month and last turn. */
class RotationTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    static Rep rep(String username) {
        return new Rep(username, username, username + "@leadflow.local", "latam", true, false, null, 100);
    }

    static Candidate candidate(Rep rep, int assignedThisMonth, Long lastTurn) {
        return new Candidate(rep, assignedThisMonth, lastTurn);
    }

    static Optional<String> next(List<Candidate> candidates, String excluded) {
        return Rotation.choose("latam", candidates, TODAY, excluded).map(turn -> turn.rep().username());
    }

    @Test
    void theRepWhoseLastTurnIsOldestIsNextAndOneWhoNeverHadATurnFirst() {
        assertThat(next(List.of(candidate(rep("ana"), 5, 30L), candidate(rep("ben"), 9, 12L), candidate(rep("cy"), 7, 21L)), null))
                .contains("ben");
        assertThat(next(List.of(candidate(rep("ana"), 5, 30L), candidate(rep("new"), 0, null)), null)).contains("new");
        assertThat(next(List.of(candidate(rep("dee"), 0, null), candidate(rep("cy"), 0, null)), null))
                .as("ties by username").contains("cy");
    }

    @Test
    void turnsGoRoundAndEveryRepGetsOneBeforeAnyoneGetsTwo() {
        List<Candidate> team = new ArrayList<>(List.of(candidate(rep("ana"), 0, null), candidate(rep("ben"), 0, null),
                candidate(rep("cy"), 0, null)));
        List<String> order = new ArrayList<>();
        for (long turn = 1; turn <= 7; turn++) {
            Rep next = Rotation.choose("latam", team, TODAY, null).orElseThrow().rep();
            order.add(next.username());
            long number = turn;
            team.replaceAll(c -> c.rep().equals(next) ? candidate(next, c.assignedThisMonth() + 1, number) : c);
        }
        assertThat(order).containsExactly("ana", "ben", "cy", "ana", "ben", "cy", "ana");
    }

    @Test
    void anAwayRepIsSkippedUntilTheDayTheyAreBack() {
        Rep away = new Rep("ana", "Ana", "ana@leadflow.local", "latam", true, true, null, 100);
        Rep backTomorrow = new Rep("ben", "Ben", "ben@leadflow.local", "latam", true, true, TODAY.plusDays(1), 100);
        Rep backToday = new Rep("cy", "Cy", "cy@leadflow.local", "latam", true, true, TODAY, 100);
        List<Candidate> team = List.of(candidate(away, 0, null), candidate(backTomorrow, 0, null), candidate(backToday, 50, 99L),
                candidate(rep("dee"), 60, 100L));

        assertThat(next(team, null)).contains("cy");
    }

    @Test
    void aRepAtCapacityOrInactiveGetsNoTurn() {
        Rep full = new Rep("ana", "Ana", "ana@leadflow.local", "latam", true, false, null, 10);
        Rep inactive = new Rep("ben", "Ben", "ben@leadflow.local", "latam", false, false, null, 100);

        assertThat(next(List.of(candidate(full, 10, 1L), candidate(inactive, 0, null), candidate(rep("cy"), 40, 50L)), null))
                .contains("cy");
    }

    @Test
    void whenEveryoneIsAwayOrFullTheLeastLoadedActiveRepStillGetsTheLeadOverCapacity() {
        Rep fullAna = new Rep("ana", "Ana", "ana@leadflow.local", "latam", true, false, null, 10);
        Rep fullBen = new Rep("ben", "Ben", "ben@leadflow.local", "latam", true, false, null, 5);
        Rep awayCy = new Rep("cy", "Cy", "cy@leadflow.local", "latam", true, true, null, 100);
        Rep inactive = new Rep("dee", "Dee", "dee@leadflow.local", "latam", false, false, null, 100);

        Turn turn = Rotation.choose("latam", List.of(candidate(fullAna, 10, 8L), candidate(fullBen, 7, 9L),
                candidate(awayCy, 0, null), candidate(inactive, 0, null)), TODAY, null).orElseThrow();
        assertThat(turn.rep()).isEqualTo(fullBen);
        assertThat(turn.overCapacity()).isTrue();

        Turn onlyAway = Rotation.choose("latam", List.of(candidate(awayCy, 0, null), candidate(inactive, 0, null)), TODAY, null)
                .orElseThrow();
        assertThat(onlyAway.rep()).as("an away rep before nobody").isEqualTo(awayCy);
        assertThat(onlyAway.overCapacity()).isTrue();
    }

    @Test
    void aTeamWithoutActiveRepsOrWhoseOnlyRepIsExcludedHasNoTurn() {
        Rep inactive = new Rep("dee", "Dee", "dee@leadflow.local", "latam", false, false, null, 100);
        assertThat(next(List.of(candidate(inactive, 0, null)), null)).isEmpty();
        assertThat(next(List.of(), null)).isEmpty();
        assertThat(next(List.of(candidate(rep("ana"), 0, null)), "ana")).isEmpty();
        assertThat(next(List.of(candidate(rep("ana"), 0, null), candidate(rep("ben"), 50, 7L)), "ana")).contains("ben");
    }

    @Test
    void capacityCountsFromTheFirstOfTheCalendarMonthInUtc() {
        assertThat(Rotation.monthStart(Instant.parse("2026-03-31T23:59:59Z"))).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(Rotation.monthStart(Instant.parse("2026-04-01T00:00:00Z"))).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    }
}

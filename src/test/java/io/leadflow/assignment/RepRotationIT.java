package io.leadflow.assignment;

import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.assignment.internal.DirectoryRepository;
import io.leadflow.assignment.internal.Rotation;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rotation on PostgreSQL: fair over 1,000 hand-offs made 8 at a time, away, inactive and full reps skipped,
 * carried on by new instances as after a restart; the fallbacks that leave no MQL without an owner; reassignment.
 * Every test works in teams and reps of its own.
 */
class RepRotationIT extends LeadflowIntegrationTest {

    @Autowired
    AssignmentService assignments;
    @Autowired
    RepDirectory directory;
    @Autowired
    Leads leads;
    @Autowired
    Timeline timeline;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    // What a new AssignmentService is made of, as at a restart.
    @Autowired
    AssignmentProperties settings;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    DirectoryRepository directoryRepository;
    @Autowired
    Rotation rotation;
    @Autowired
    BusinessHoursCalendar calendar;
    @Autowired
    ApplicationEventPublisher events;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void overAThousandConcurrentHandOffsTheRepsOfATeamTakeEvenTurnsAndNewInstancesCarryOn() throws Exception {
        String team = team("rotation");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<String> present = List.of(rep(team, "a", 1000), rep(team, "b", 1000), rep(team, "c", 1000), rep(team, "d", 1000),
                save(new Rep(username("back-today"), "Back Today", "back@leadflow.local", team, true, true, today, 1000)));
        String away = save(new Rep(username("away"), "Away", "away@leadflow.local", team, true, true, null, 1000));
        String awayUntilTomorrow = save(new Rep(username("away-until-tomorrow"), "Back Tomorrow", "tomorrow@leadflow.local",
                team, true, true, today.plusDays(1), 1000));
        String inactive = save(new Rep(username("inactive"), "Inactive", "inactive@leadflow.local", team, false, false, null, 1000));
        String full = rep(team, "capacity-10", 10);

        List<UUID> ids = eightAtATime(IntStream.range(0, 1000).mapToObj(n -> (Callable<UUID>) () -> newLead(n)).toList());
        List<Assignment> handed = eightAtATime(ids.stream().map(id -> (Callable<Assignment>) () -> assignments.assign(id, team)).toList());

        Map<String, Long> owners = owners(ids);
        assertThat(owners.values().stream().mapToLong(Long::longValue).sum()).as("every lead has an owner").isEqualTo(1000);
        assertThat(handed).extracting(Assignment::owner).containsExactlyInAnyOrderElementsOf(ids.stream().map(this::owner).toList());
        assertThat(owners).doesNotContainKeys(away, awayUntilTomorrow, inactive);
        assertThat(owners.get(full)).as("a rep with capacity 10").isEqualTo(10);
        List<Long> presentCounts = present.stream().map(rep -> owners.getOrDefault(rep, 0L)).toList();
        assertThat(presentCounts.stream().mapToLong(Long::longValue).max().orElseThrow()
                - presentCounts.stream().mapToLong(Long::longValue).min().orElseThrow()).as("counts %s", presentCounts).isLessThanOrEqualTo(1);
        assertThat(thisMonth(team)).as("the directory's count of this month").isEqualTo(owners);

        // A redelivered job finds the same owner and takes no turn.
        assertThat(assignments.assign(ids.getFirst(), team).owner()).isEqualTo(owner(ids.getFirst()));
        assertThat(thisMonth(team)).isEqualTo(owners);

        // New instances, nothing in memory: the rotation goes on from the rep whose last turn is oldest.
        List<String> lastTurns = jdbc.sql("select rep from rep_assignment where team = ? order by id desc limit 5")
                .param(team).query(String.class).list();
        assertThat(lastTurns).containsExactlyInAnyOrderElementsOf(present);
        AssignmentService restarted = new AssignmentService(leads, new RepDirectory(directoryRepository, passwords, clock),
                rotation, calendar, timeline, events, settings);
        List<String> next = new ArrayList<>();
        for (int n = 0; n < present.size(); n++) {
            UUID id = newLead(1000 + n);
            next.add(transactions.execute(status -> restarted.assign(id, team)).owner());
        }
        assertThat(next).containsExactlyInAnyOrderElementsOf(present).first().isEqualTo(lastTurns.getLast());
    }

    @Test
    void whenEveryRepOfTheTeamIsAwayOrFullTheLeastLoadedStillGetsTheLeadAndTheTimelineSaysSo() {
        String team = team("full");
        String one = rep(team, "capacity-1", 1);
        save(new Rep(username("away"), "Away", "away@leadflow.local", team, true, true, null, 100));

        UUID first = newLead(1);
        UUID second = newLead(2);
        assertThat(assignments.assign(first, team).owner()).isEqualTo(one);
        assertThat(assigned(first)).doesNotContainKey("overCapacity");
        assertThat(assignments.assign(second, team).owner()).isEqualTo(one);
        assertThat(assigned(second)).containsEntry("team", team).containsEntry("overCapacity", true);
    }

    @Test
    void aTeamWithoutActiveRepsHandsTheLeadToTheDefaultTeam() {
        String team = team("empty");
        save(new Rep(username("inactive"), "Inactive", "inactive@leadflow.local", team, false, false, null, 100));

        UUID lead = newLead(1);
        String owner = assignments.assign(lead, team).owner();
        assertThat(directory.team(owner)).contains(settings.defaultTeam());
        assertThat(assigned(lead)).containsEntry("team", settings.defaultTeam()).containsEntry("requestedTeam", team);
    }

    @Test
    void aReassignedLeadGoesToTheNextRepOfItsTeamAndTheLeadKnowsItsNewOwner() {
        String team = team("reassign");
        List<String> reps = List.of(rep(team, "a", 100), rep(team, "b", 100), rep(team, "c", 100));

        UUID lead = newLead(1);
        String first = assignments.assign(lead, team).owner();
        Assignment second = assignments.reassign(lead);
        assertThat(second.owner()).isIn(reps).isNotEqualTo(first);
        assertThat(leads.get(lead).owner()).isEqualTo(second.owner());
        String third = assignments.reassign(lead).owner();
        assertThat(third).isIn(reps).isNotEqualTo(second.owner());
        assertThat(leads.get(lead).owner()).isEqualTo(third);

        List<Timeline.Entry> reassigned = timeline.of(lead).stream().filter(e -> e.type().equals("REASSIGNED")).toList();
        assertThat(reassigned).extracting(Timeline.Entry::details).containsExactly(
                Map.of("team", team, "from", first, "to", second.owner()),
                Map.of("team", team, "from", second.owner(), "to", third));
        assertThat(directory.managerOf(third)).map(Person::username).contains("marta");
        assertThat(directory.team(third)).contains(team);
    }

    // helpers -------------------------------------------------------------------------------------------

    private String username(String name) {
        return name + "-" + run;
    }

    private String team(String name) {
        String team = name + "-" + run;
        directory.save(new Team(team, "marta"));
        return team;
    }

    private String rep(String team, String name, int monthlyCapacity) {
        return save(new Rep(username(name), name, name + "@leadflow.local", team, true, false, null, monthlyCapacity));
    }

    private String save(Rep rep) {
        directory.save(rep);
        return rep.username();
    }

    private UUID newLead(int n) {
        return leads.receive(LeadType.FORM_FILL, new LeadFacts(uniqueEmail("lead" + n, "rotation.example"), null, "Lead", "N" + n,
                "CTO", "Rotation", null, 500, "telecom", "CO", "America/Bogota", "es", "rotation-it", null), null).id();
    }

    private String owner(UUID lead) {
        return leads.get(lead).owner();
    }

    private Map<String, Long> owners(Collection<UUID> ids) {
        return leads.findAll(ids).values().stream().collect(Collectors.groupingBy(Lead::owner, Collectors.counting()));
    }

    /** The reps of the team with leads this month, and how many. */
    private Map<String, Long> thisMonth(String team) {
        return directory.workloads().stream()
                .filter(workload -> workload.rep().team().equals(team) && workload.assignedThisMonth() > 0)
                .collect(Collectors.toMap(workload -> workload.rep().username(), workload -> (long) workload.assignedThisMonth()));
    }

    private Map<String, Object> assigned(UUID lead) {
        return timeline.of(lead).stream().filter(entry -> entry.type().equals("ASSIGNED")).findFirst().orElseThrow().details();
    }

    private static <T> List<T> eightAtATime(List<Callable<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> result : pool.invokeAll(work)) {
                results.add(result.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}

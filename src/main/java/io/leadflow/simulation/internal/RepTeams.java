package io.leadflow.simulation.internal;

import io.leadflow.assignment.Person;
import io.leadflow.assignment.Rep;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.assignment.RepWorkload;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The rep directory as a simulation reads it once, at its start: the active reps of each team (by username), the
 * default team, each rep's manager and monthly capacity. {@link #rotation()} hands leads out in turn within a team, as the
 * live rotation does, without its table: each side of a simulation gets its own, starting alike.
 */
record RepTeams(Map<String, List<String>> repsByTeam, String defaultTeam, Map<String, String> managers,
                Map<String, Integer> monthlyCapacity) {

    static RepTeams of(RepDirectory directory, String defaultTeam) {
        Map<String, List<String>> byTeam = new TreeMap<>();
        Map<String, String> managers = new HashMap<>();
        Map<String, Integer> capacity = new TreeMap<>();
        for (RepWorkload workload : directory.workloads()) {
            Rep rep = workload.rep();
            if (!rep.active()) {
                continue;
            }
            byTeam.merge(rep.team(), List.of(rep.username()),
                    (a, b) -> Stream.concat(a.stream(), b.stream()).sorted().toList());
            directory.managerOf(rep.username()).map(Person::username).ifPresent(manager -> managers.put(rep.username(), manager));
            capacity.put(rep.username(), rep.monthlyCapacity());
        }
        return new RepTeams(Map.copyOf(byTeam), defaultTeam, Map.copyOf(managers), Map.copyOf(capacity));
    }

    /** Hands out the reps of a team in turn; the default team's when the team has no active rep; null when neither has. */
    final class Rotation {

        private final Map<String, Integer> turns = new HashMap<>();

        String next(String team) {
            String chosen = team != null && repsByTeam.containsKey(team) ? team : defaultTeam;
            List<String> reps = repsByTeam.get(chosen);
            if (reps == null || reps.isEmpty()) {
                return null;
            }
            int turn = turns.merge(chosen, 1, Integer::sum) - 1;
            return reps.get(turn % reps.size());
        }
    }

    Rotation rotation() {
        return new Rotation();
    }
}

package io.leadflow.tasklist;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/** How many tasks each assignee has open now, and how many of those are past their due. */
@Component
public class TaskLoad {

    public record Load(long open, long overdue) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    TaskLoad(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** By assignee; one with no open task is absent. */
    public Map<String, Load> byAssignee() {
        return jdbc.sql("""
                        select assignee, count(*) as open, count(*) filter (where due < ?) as overdue
                          from rep_task where status = 'OPEN' and assignee is not null group by assignee
                        """)
                .param(Timestamp.from(clock.instant()))
                .query((rs, row) -> Map.entry(rs.getString("assignee"), new Load(rs.getLong("open"), rs.getLong("overdue"))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}

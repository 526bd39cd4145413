package io.leadflow;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A PostgreSQL database that one test owns: its name is the given one plus a random suffix, so no other test, earlier
 * run or build running beside this one shares it. Created empty, or with leadflow's schema; dropped when done.
 */
public record TestDatabase(String server, String name, String user, String password) {

    private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    /** Per server and name: a database migrated once in this JVM, copied for each test that wants leadflow's schema. */
    private static final Map<String, TestDatabase> MIGRATED_TEMPLATES = new ConcurrentHashMap<>();

    /** A new, empty database named after {@code base} on the local server (127.0.0.1:5432, user postgres). */
    public static TestDatabase create(String base) {
        return create(LOCAL_SERVER, base, "postgres", "", "");
    }

    /**
     * A new database on the server of {@code jdbcUrl}, named after the database it names, with leadflow's migrations
     * applied: a copy of a database migrated once in this JVM (PostgreSQL copies the schema in a fraction of the time
     * the migrations take). leadflow's own Flyway then finds it up to date and validates it.
     */
    public static TestDatabase createMigratedLike(String jdbcUrl, String user, String password) {
        int path = jdbcUrl.indexOf('/', jdbcUrl.indexOf("//") + 2) + 1;
        String server = jdbcUrl.substring(0, path);
        String base = jdbcUrl.substring(path).replaceAll("[?;].*$", "");
        TestDatabase template = MIGRATED_TEMPLATES.computeIfAbsent(server + base, key -> migratedTemplate(server, base, user, password));
        return create(server, base, user, password, " template " + template.name);
    }

    private static TestDatabase migratedTemplate(String server, String base, String user, String password) {
        TestDatabase template = create(server, base + "_template", user, password, "");
        Flyway.configure().dataSource(template.url(), user, password).locations("classpath:db/migration").load().migrate();
        Runtime.getRuntime().addShutdownHook(new Thread(template::drop));
        return template;
    }

    private static TestDatabase create(String server, String base, String user, String password, String options) {
        TestDatabase database = new TestDatabase(server, base + "_" + UUID.randomUUID().toString().substring(0, 8), user, password);
        database.admin("create database " + database.name + options);
        return database;
    }

    public String url() {
        return server + name;
    }

    /** Drops it, ending any connection still open to it. */
    public void drop() {
        admin("drop database if exists " + name + " with (force)");
    }

    private void admin(String statement) {
        try (var postgres = new SingleConnectionDataSource(server + "postgres", user, password, true)) {
            JdbcClient.create(postgres).sql(statement).update();
        }
    }
}

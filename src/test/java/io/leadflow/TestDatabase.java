package io.leadflow;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.util.UUID;

/**
 * A PostgreSQL database that one test owns: its name is the given one plus a random suffix, so no other test, earlier
 * run or build running beside this one shares it. Created empty, dropped when done.
 */
public record TestDatabase(String server, String name, String user, String password) {

    private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    /** A new, empty database named after {@code base} on the local server (127.0.0.1:5432, user postgres). */
    public static TestDatabase create(String base) {
        return create(LOCAL_SERVER, base, "postgres", "");
    }

    /** A new, empty database on the server of {@code jdbcUrl}, named after the database it names. */
    public static TestDatabase createLike(String jdbcUrl, String user, String password) {
        int path = jdbcUrl.indexOf('/', jdbcUrl.indexOf("//") + 2) + 1;
        return create(jdbcUrl.substring(0, path), jdbcUrl.substring(path).replaceAll("[?;].*$", ""), user, password);
    }

    private static TestDatabase create(String server, String base, String user, String password) {
        TestDatabase database = new TestDatabase(server, base + "_" + UUID.randomUUID().toString().substring(0, 8), user, password);
        database.admin("create database " + database.name);
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

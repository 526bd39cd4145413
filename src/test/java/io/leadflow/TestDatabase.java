package io.leadflow;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.util.UUID;

/**
 * A PostgreSQL database of the test server (127.0.0.1:5432) that one test owns: its name is the given one plus a random
 * suffix, so no other test, earlier run or build running beside this one shares it. Created empty, dropped when done.
 */
public record TestDatabase(String name) {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    /** A new, empty database named after {@code base}. */
    public static TestDatabase create(String base) {
        TestDatabase database = new TestDatabase(base + "_" + UUID.randomUUID().toString().substring(0, 8));
        database.admin("create database " + database.name);
        return database;
    }

    /** The database named by a JDBC URL's path: {@code jdbc:postgresql://host:port/leadflow_test?…} gives leadflow_test. */
    public static String nameIn(String jdbcUrl) {
        return jdbcUrl.replaceAll("^[^/]*//[^/]*/", "").replaceAll("[?;].*$", "");
    }

    public String url() {
        return SERVER + name;
    }

    /** Drops it, ending any connection still open to it. */
    public void drop() {
        admin("drop database if exists " + name + " with (force)");
    }

    private void admin(String statement) {
        try (var postgres = new SingleConnectionDataSource(SERVER + "postgres", "postgres", "", true)) {
            JdbcClient.create(postgres).sql(statement).update();
        }
    }
}

package io.leadflow.platform;

import javax.sql.DataSource;

/** A PostgreSQL started by leadflow itself when no server answers: the development build's only. */
interface EmbeddedDatabase {

    /** Starts the server, stopped when the JVM ends; its {@code postgres} database. */
    DataSource start();
}

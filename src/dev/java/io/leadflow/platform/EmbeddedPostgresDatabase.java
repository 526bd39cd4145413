package io.leadflow.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The embedded PostgreSQL of {@code leadflow.database.embedded-fallback}, for a machine without a server. */
@Component
class EmbeddedPostgresDatabase implements EmbeddedDatabase {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresDatabase.class);

    @Override
    public DataSource start() {
        try {
            // Loopback only: the embedded server trusts every local connection without a password.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "localhost").start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    log.warn("Embedded PostgreSQL did not stop cleanly", e);
                }
            }));
            return postgres.getPostgresDatabase();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

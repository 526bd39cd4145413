package io.leadflow.platform;

import io.leadflow.platform.Secrets.Secret;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Secrets that development may leave unset: generated at the first start and kept in the database, so a restart keeps them. */
@Component
public class GeneratedSecrets {

    private final Secrets secrets;
    private final JdbcClient jdbc;

    GeneratedSecrets(Secrets secrets, JdbcClient jdbc) {
        this.secrets = secrets;
        this.jdbc = jdbc;
    }

    /** As {@link Secrets#require}; in development a missing secret is the one generated for it. */
    public String require(Secret secret, String value) {
        String given = secrets.require(secret, value);
        if (given != null) {
            return given;
        }
        jdbc.sql("insert into generated_secret (name, value) values (?, ?) on conflict do nothing")
                .params(secret.setting(), Secrets.random()).update();
        return jdbc.sql("select value from generated_secret where name = ?").param(secret.setting()).query(String.class).single();
    }
}

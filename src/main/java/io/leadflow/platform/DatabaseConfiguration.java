package io.leadflow.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A real PostgreSQL: the configured server, with leadflow's database created if it is missing;
 * on a newcomer's machine with no server at all, the development build's embedded PostgreSQL (it refuses to run
 * as root, so there it is only the fallback; the production jar has none).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** The pool takes spring.datasource.hikari.* as Spring Boot's own data source does (this bean replaces that one). */
    @Bean(destroyMethod = "")
    @ConfigurationProperties("spring.datasource.hikari")
    DataSource dataSource(DataSourceProperties properties, PlatformProperties platform, ObjectProvider<EmbeddedDatabase> embedded) {
        String url = properties.determineUrl();
        if (serverReachable(url, properties)) {
            if (platform.database().createIfMissing()) {
                createDatabaseIfMissing(url, properties);
            }
            return properties.initializeDataSourceBuilder().build();
        }
        EmbeddedDatabase fallback = embedded.getIfAvailable();
        if (!platform.database().embeddedFallback() || fallback == null) {
            throw new IllegalStateException("No PostgreSQL server answers at " + url);
        }
        log.warn("No PostgreSQL server at {}; starting an embedded one", url);
        return fallback.start();
    }

    private static boolean serverReachable(String url, DataSourceProperties properties) {
        try (Connection ignored = DriverManager.getConnection(maintenanceUrl(url), credentials(properties))) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void createDatabaseIfMissing(String url, DataSourceProperties properties) {
        String database = databaseName(url);
        try (Connection connection = DriverManager.getConnection(maintenanceUrl(url), credentials(properties));
             Statement statement = connection.createStatement()) {
            var exists = connection.prepareStatement("select 1 from pg_database where datname = ?");
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                if (!database.matches("[A-Za-z0-9_]+")) {
                    throw new IllegalStateException("Refusing to create database with name " + database);
                }
                statement.execute("create database " + database);
                log.info("Created database {}", database);
            }
        } catch (SQLException e) {
            // Another node may have created it at the same moment: the real error surfaces at connect time.
            log.warn("Could not create database {}: {}", database, e.getMessage());
        }
    }

    static String databaseName(String jdbcUrl) {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        return path.substring(1);
    }

    private static String maintenanceUrl(String jdbcUrl) {
        String database = databaseName(jdbcUrl);
        return jdbcUrl.replace("/" + database, "/postgres");
    }

    private static Properties credentials(DataSourceProperties properties) {
        Properties credentials = new Properties();
        credentials.setProperty("user", properties.determineUsername());
        String password = properties.determinePassword();
        if (password != null) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("connectTimeout", "3");
        return credentials;
    }
}

package io.leadflow.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where leadflow runs ({@code leadflow.base-url}, {@code leadflow.database.*}).
 *
 * @param baseUrl  the address people reach leadflow at: links in emails (task list, unsubscribe) start with it
 * @param database how leadflow finds its PostgreSQL
 */
@ConfigurationProperties(prefix = "leadflow")
public record PlatformProperties(@DefaultValue("http://localhost:8080") String baseUrl, @DefaultValue Database database) {

    /**
     * @param createIfMissing  create the configured database when the server does not have it
     * @param embeddedFallback start an embedded PostgreSQL when no server answers (not as root)
     */
    public record Database(@DefaultValue("true") boolean createIfMissing, @DefaultValue("false") boolean embeddedFallback) {
    }
}

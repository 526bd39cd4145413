package io.leadflow.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.UUID;

/**
 * Where leadflow runs ({@code leadflow.base-url}, {@code leadflow.database.*}).
 *
 * @param baseUrl  the address people reach leadflow at: links in emails (task list, unsubscribe) start with it
 * @param database how leadflow finds its PostgreSQL
 */
@ConfigurationProperties(prefix = "leadflow")
public record PlatformProperties(@DefaultValue("http://localhost:8080") String baseUrl, @DefaultValue Database database) {

    /** The task list's page that opens the reader's open task of a lead (the task list serves it). */
    public static final String LEAD_TASK_PATH = "/tasks/lead/";

    /**
     * The link internal mails give to a lead's task: it names the lead, not the task, because the task may not be
     * handed out yet when the mail leaves, and a task handed out again (another owner, a new engine) gets a new id.
     */
    public String leadTaskUrl(UUID leadId) {
        return baseUrl + LEAD_TASK_PATH + leadId;
    }

    /**
     * @param createIfMissing  create the configured database when the server does not have it
     * @param embeddedFallback start an embedded PostgreSQL when no server answers (not as root; the development build only)
     */
    public record Database(@DefaultValue("true") boolean createIfMissing, @DefaultValue("false") boolean embeddedFallback) {
    }
}

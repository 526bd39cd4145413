package io.leadflow.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Which engine leadflow uses ({@code leadflow.engine.*}): the embedded one, keeping its state in
 * {@code data-dir}, or a Camunda 8 cluster set with {@code camunda.client.*}. A process start
 * message is kept {@code start-message-ttl}: retries of a start within that time are refused as
 * duplicates.
 */
@ConfigurationProperties(prefix = "leadflow.engine")
public record EngineProperties(Mode mode, Path dataDir, Duration startMessageTtl, Embedded embedded) {

    public enum Mode { EMBEDDED, REMOTE }

    /**
     * The embedded engine's gateway address (loopback by default: the gateway has no authentication),
     * the size of its log segments and how often it drops segments the state no longer needs.
     */
    public record Embedded(String host, int port, DataSize logSegmentSize, Duration compactionInterval) {
    }
}

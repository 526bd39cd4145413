package io.leadflow.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Which engine leadflow uses and what it deploys ({@code leadflow.engine.*}).
 *
 * @param mode               embedded: the Zeebe engine runs inside leadflow (the development build's default); remote: a
 *                           Camunda 8 cluster set with camunda.client.* (the production jar's default)
 * @param dataDir            the embedded engine's state and log; back it up with leadflow stopped, delete it to start afresh
 * @param startMessageTtl    how long a process start message is kept: retries of a start within it are refused as duplicates
 * @param processesLocation  the BPMN, DMN and form files deployed at start-up
 * @param deployTimeout      how long that deployment may take before the start fails: the engine parses and checks
 *                           every model and expression, which on a busy machine or a distant cluster takes longer than
 *                           a request usually may
 * @param embedded           the embedded engine's gateway and log
 */
@ConfigurationProperties(prefix = "leadflow.engine")
public record EngineProperties(@DefaultValue("remote") Mode mode, @DefaultValue("data/engine") Path dataDir,
                               @DefaultValue("P1D") Duration startMessageTtl,
                               @DefaultValue("classpath*:processes/*") String processesLocation,
                               @DefaultValue("PT2M") Duration deployTimeout, @DefaultValue Embedded embedded) {

    public enum Mode { EMBEDDED, REMOTE }

    /**
     * @param host               the gateway's address: loopback unless you say otherwise, the gateway has no authentication
     * @param port               the gateway's port
     * @param logSegmentSize     the size of the log's segment files
     * @param snapshotInterval   how often the state is snapshotted and the log segments below the snapshot dropped;
     *                           a start replays the log written since the last snapshot
     * @param startTimeout       how long a start may take to recover the state before it gives up with a message
     * @param acceptLicense      the licence the embedded engine runs under, stated by whoever starts it outside the dev
     *                           profile (unset: it does not start there); see {@link License}
     */
    public record Embedded(@DefaultValue("127.0.0.1") String host, @DefaultValue("26500") int port,
                           @DefaultValue("64MB") DataSize logSegmentSize, @DefaultValue("PT15S") Duration snapshotInterval,
                           @DefaultValue("PT2M") Duration startTimeout, License acceptLicense) {
    }

    /**
     * The licences the embedded engine can run under. Its modules (zeebe-workflow-engine, -stream-platform, -db, …) are
     * under the Camunda License 1.0, which grants use in non-production environments only: the one value,
     * {@code camunda-license-1.0-non-production}, says this environment is one.
     */
    public enum License { CAMUNDA_LICENSE_1_0_NON_PRODUCTION }
}

package io.leadflow.engine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Which engine handed out a job. A cluster keeps its keys unique forever; the embedded engine starts
 * from scratch on every run and hands out the same keys again, so each of its runs gets its own id.
 */
@Component
public class EngineRun {

    private final String id;

    EngineRun(@Value("${leadflow.engine.mode:embedded}") String mode) {
        this.id = "embedded".equals(mode) ? UUID.randomUUID().toString() : "cluster";
    }

    public String id() {
        return id;
    }
}

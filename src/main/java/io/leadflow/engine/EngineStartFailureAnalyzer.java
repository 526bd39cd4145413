package io.leadflow.engine;

import io.leadflow.engine.embedded.EngineStartException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A data directory in use (or an engine that cannot start) ends the start with one clear paragraph, not a stack trace. */
class EngineStartFailureAnalyzer extends AbstractFailureAnalyzer<EngineStartException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EngineStartException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "See leadflow.engine.data-dir and leadflow.engine.embedded.* in application.yaml (docs/operations.md: \"The engine's data, backups and starting afresh\").",
                cause);
    }
}

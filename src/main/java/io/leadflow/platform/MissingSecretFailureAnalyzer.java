package io.leadflow.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A missing or development secret ends the start with the variable to set, not a stack trace. */
class MissingSecretFailureAnalyzer extends AbstractFailureAnalyzer<MissingSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSecretException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set " + cause.secret().environmentVariable() + " (docs/operations.md: \"Secrets and sign-in\"), or run with the "
                        + Secrets.DEV_PROFILE + " profile on a development machine.",
                cause);
    }
}

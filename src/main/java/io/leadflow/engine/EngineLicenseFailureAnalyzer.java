package io.leadflow.engine;

import io.leadflow.engine.EmbeddedEngineLicense.EngineLicenseNotAcceptedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The embedded engine refused for want of its licence: the start ends with both ways on, not a stack trace. */
class EngineLicenseFailureAnalyzer extends AbstractFailureAnalyzer<EngineLicenseNotAcceptedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EngineLicenseNotAcceptedException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "In production, run with leadflow.engine.mode=remote against Camunda 8 SaaS or a Self-Managed cluster "
                        + "under a Camunda licence. In a non-production environment, set " + EmbeddedEngineLicense.SETTING
                        + "=" + EmbeddedEngineLicense.VALUE + " (LEADFLOW_ENGINE_EMBEDDED_ACCEPT_LICENSE). "
                        + "docs/production.md: \"Licensing and production\".",
                cause);
    }
}

package io.leadflow.engine;

import io.leadflow.engine.EngineProperties.License;
import io.leadflow.engine.embedded.EmbeddedZeebe;
import io.leadflow.platform.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * The embedded engine's modules are under the Camunda License 1.0, which grants use in non-production environments
 * only. In development (the dev profile, which demo and test include) the engine starts with a note in the log;
 * anywhere else it starts only when {@value #SETTING} names that licence, and then says so at WARN on every start, so
 * nobody runs it in production without knowing.
 */
final class EmbeddedEngineLicense {

    static final String SETTING = "leadflow.engine.embedded.accept-license";
    static final String VALUE = "camunda-license-1.0-non-production";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedEngineLicense.class);

    private EmbeddedEngineLicense() {
    }

    /** Lets the embedded engine start, or refuses with {@link EngineLicenseNotAcceptedException}. */
    static void check(Environment environment, EngineProperties.Embedded settings) {
        if (settings.acceptLicense() == License.CAMUNDA_LICENSE_1_0_NON_PRODUCTION) {
            log.warn("The embedded Zeebe engine runs under {} ({}={}): production runs in remote mode on Camunda 8 "
                    + "SaaS or a Self-Managed cluster under a Camunda licence", EmbeddedZeebe.LICENSE, SETTING, VALUE);
        } else if (environment.matchesProfiles(Secrets.DEV_PROFILE)) {
            log.info("The embedded Zeebe engine is under {}; the {} profile is development", EmbeddedZeebe.LICENSE, Secrets.DEV_PROFILE);
        } else {
            throw new EngineLicenseNotAcceptedException();
        }
    }

    /** The embedded engine was to start outside development without {@value #SETTING}. */
    static class EngineLicenseNotAcceptedException extends IllegalStateException {

        EngineLicenseNotAcceptedException() {
            super("The embedded Zeebe engine is under " + EmbeddedZeebe.LICENSE + ", and outside the " + Secrets.DEV_PROFILE
                    + " profile leadflow starts it only when " + SETTING + " is " + VALUE);
        }
    }
}

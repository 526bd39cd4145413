package io.leadflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Who is let in ({@code leadflow.security.*}).
 *
 * @param apiKey       the bearer key every /api call must carry (environment LEADFLOW_API_KEY; outside the dev profile
 *                     required, and not the development default)
 * @param metricsToken the bearer token a Prometheus scraper reads {@code /actuator/prometheus} with (environment
 *                     LEADFLOW_METRICS_TOKEN); unset, the endpoint is closed to scrapers
 * @param signInLock   when failed sign-ins lock the sign-in
 */
@ConfigurationProperties(prefix = "leadflow.security")
public record SecurityProperties(String apiKey, String metricsToken, @DefaultValue SignInLock signInLock) {

    /**
     * Sign-in is refused, even with the right password, once a username or a client address has this many failures
     * within the window, until the oldest of them is older than the window.
     *
     * @param maxFailures the failed sign-ins that lock
     * @param window      how far back failures count
     */
    public record SignInLock(@DefaultValue("10") int maxFailures, @DefaultValue("PT15M") Duration window) {

        public SignInLock {
            if (maxFailures < 1 || !window.isPositive()) {
                throw new IllegalArgumentException("leadflow.security.sign-in-lock needs max-failures >= 1 and a positive window");
            }
        }
    }
}

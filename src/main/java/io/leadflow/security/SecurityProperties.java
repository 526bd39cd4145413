package io.leadflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How machines are let in ({@code leadflow.security.*}).
 *
 * @param apiKey the bearer key every /api call must carry (environment LEADFLOW_API_KEY)
 */
@ConfigurationProperties(prefix = "leadflow.security")
public record SecurityProperties(String apiKey) {
}

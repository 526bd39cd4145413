package io.leadflow.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one rule every secret of leadflow follows (API key, link-signing key, first admin's password): outside the
 * {@code dev} profile a missing secret, or one leadflow ships as a development default, stops the start with a
 * message naming the environment variable to set. In development a missing one may be generated.
 */
@Component
public class Secrets {

    /** The development profile: {@code mvn spring-boot:run}, the demo and the tests run with it. */
    public static final String DEV_PROFILE = "dev";

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean development;

    public Secrets(Environment environment) {
        this.development = environment.matchesProfiles(DEV_PROFILE);
    }

    public boolean development() {
        return development;
    }

    /**
     * The secret. Outside development, a missing one or the shipped default stops the start; in development the
     * shipped default is let in with a warning, and a missing one is null.
     */
    public String require(Secret secret, String value) {
        boolean missing = value == null || value.isBlank();
        boolean shipped = !missing && value.equals(secret.shippedDefault());
        if (!development && (missing || shipped)) {
            throw new MissingSecretException(secret, shipped);
        }
        if (shipped) {
            log.warn("{} is the development default {}: set {} before anyone else can reach leadflow",
                    secret.setting(), secret.shippedDefault(), secret.environmentVariable());
        }
        return missing ? null : value;
    }

    /** 256 random bits, URL-safe. */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A secret leadflow needs.
     *
     * @param setting             its setting, such as {@code leadflow.security.api-key}
     * @param environmentVariable the environment variable that sets it
     * @param shippedDefault      the development value application.yaml ships, never good elsewhere (null: none)
     */
    public record Secret(String setting, String environmentVariable, String shippedDefault) {
    }
}

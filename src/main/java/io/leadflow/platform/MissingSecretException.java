package io.leadflow.platform;

import io.leadflow.platform.Secrets.Secret;

/** A secret leadflow needs is not set, or is the development default, outside the {@code dev} profile. */
public class MissingSecretException extends IllegalStateException {

    private final transient Secret secret;

    MissingSecretException(Secret secret, boolean shippedDefault) {
        super(secret.setting() + (shippedDefault ? " is the development default " + secret.shippedDefault() : " is not set")
                + ": set the environment variable " + secret.environmentVariable() + " to a secret of your own");
        this.secret = secret;
    }

    public Secret secret() {
        return secret;
    }
}

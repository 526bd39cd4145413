package io.leadflow.platform;

import io.leadflow.platform.Secrets.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outside the dev profile a secret must be set and not the shipped default; in dev both are let through. */
class SecretsTest {

    static final Secret KEY = new Secret("leadflow.security.api-key", "LEADFLOW_API_KEY", "dev-api-key");

    @ParameterizedTest(name = "\"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "  ", "dev-api-key"})
    void aProductionProfileRefusesAMissingOrShippedSecretNamingItsVariable(String value) {
        Secrets production = new Secrets(new MockEnvironment().withProperty("spring.profiles.active", "prod"));
        assertThatThrownBy(() -> production.require(KEY, value))
                .isInstanceOf(MissingSecretException.class)
                .hasMessageContaining("leadflow.security.api-key")
                .hasMessageContaining("set the environment variable LEADFLOW_API_KEY");
        assertThat(production.development()).isFalse();
    }

    @Test
    void aSecretOfYourOwnIsTakenEverywhere() {
        assertThat(new Secrets(new MockEnvironment()).require(KEY, "s3cret-of-our-own")).isEqualTo("s3cret-of-our-own");
    }

    @Test
    void theDevProfileTakesTheShippedDefaultAndLeavesAMissingOneToTheCaller() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("test", Secrets.DEV_PROFILE);
        Secrets development = new Secrets(environment);
        assertThat(development.require(KEY, "dev-api-key")).isEqualTo("dev-api-key");
        assertThat(development.require(KEY, null)).isNull();
    }

    @Test
    void generatedSecretsAreLongAndDiffer() {
        assertThat(Secrets.random()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(Secrets.random());
    }
}

package io.leadflow.security;

import io.leadflow.assignment.RepDirectory;
import io.leadflow.platform.PasswordHashing;
import io.leadflow.platform.Secrets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * For a web slice test: leadflow's real {@link SecurityConfiguration} (package-private, so imported from here)
 * with {@link #API_KEY} as the API key, outside the dev profile. The sign-in users come from a mocked
 * {@link RepDirectory}, which knows no one unless a test says so.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import({SecurityConfiguration.class, SignInThrottle.class, Secrets.class, PasswordHashing.class})
@EnableConfigurationProperties(SecurityProperties.class)
@MockitoBean(types = RepDirectory.class)
@TestPropertySource(properties = "leadflow.security.api-key=" + WithApiKeySecurity.API_KEY)
public @interface WithApiKeySecurity {

    String API_KEY = "slice-test-api-key";

    /** The Authorization header value that lets a request in. */
    String BEARER = "Bearer " + API_KEY;
}

package io.leadflow.security;

import io.leadflow.assignment.RepDirectory;
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
 * with {@link #API_KEY} as the API key. The sign-in users come from a mocked {@link RepDirectory}, whose
 * reps and managers are Mockito's empty lists: no one signs in to the task list in a slice.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(SecurityConfiguration.class)
@EnableConfigurationProperties(SecurityProperties.class)
@MockitoBean(types = RepDirectory.class)
@TestPropertySource(properties = "leadflow.security.api-key=" + WithApiKeySecurity.API_KEY)
public @interface WithApiKeySecurity {

    String API_KEY = "slice-test-api-key";

    /** The Authorization header value that lets a request in. */
    String BEARER = "Bearer " + API_KEY;
}

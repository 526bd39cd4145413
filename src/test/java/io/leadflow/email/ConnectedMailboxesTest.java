package io.leadflow.email;

import io.leadflow.email.internal.EmbeddedMailboxes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectedMailboxesTest {

    /** The production jar has no embedded mail server: asking for it stops the start instead of reading nowhere. */
    @Test
    void theEmbeddedMailServerAskedOfABuildWithoutOneStopsTheStartNamingTheSetting() {
        MailProperties settings = new Binder(new MapConfigurationPropertySource(Map.of("leadflow.mail.embedded.enabled", "true")))
                .bindOrCreate("leadflow.mail", MailProperties.class);
        StaticListableBeanFactory noBeans = new StaticListableBeanFactory();

        assertThatThrownBy(() -> new ConnectedMailboxes(null, null, Clock.systemUTC(), settings,
                noBeans.getBeanProvider(MailboxOwners.class), noBeans.getBeanProvider(EmbeddedMailboxes.class), "127.0.0.1", 3025, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leadflow.mail.embedded.enabled is true, but this build has no embedded mail server");
    }
}

package io.leadflow.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Everything that asks "what time is it" takes this clock, so tests can move it. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    MovableClock clock() {
        return new MovableClock(Clock.systemUTC());
    }
}

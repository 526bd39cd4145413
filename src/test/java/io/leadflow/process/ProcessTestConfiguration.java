package io.leadflow.process;

import io.leadflow.calendar.CalendarProperties;
import io.leadflow.engine.EngineProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;

/**
 * What a model's workers find in leadflow besides their services: the engine's clock as leadflow's, the default working
 * day. The engine is closed with the context, once its workers stopped polling it.
 */
abstract class ProcessTestConfiguration {

    /** The test class's engine. */
    abstract ProcessTestEngine engine();

    @Bean(destroyMethod = "close")
    ProcessTestEngine processTestEngine() {
        return engine();
    }

    @Bean
    Clock clock() {
        return engine().clock();
    }

    /** The engine module's deployment of processes/, as at start-up (the same files again: the engine keeps their versions). */
    @Bean
    EngineProperties engineProperties() {
        return new EngineProperties(EngineProperties.Mode.REMOTE, null, Duration.ofDays(1), "classpath*:processes/*",
                ProcessTestEngine.PATIENCE, null);
    }

    @Bean
    CalendarProperties calendarProperties() {
        return new CalendarProperties(LocalTime.of(9, 0), LocalTime.of(17, 0));
    }
}

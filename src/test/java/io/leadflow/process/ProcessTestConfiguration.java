package io.leadflow.process;

import io.leadflow.calendar.CalendarProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
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

    @Bean
    CalendarProperties calendarProperties() {
        return new CalendarProperties(LocalTime.of(9, 0), LocalTime.of(17, 0));
    }
}

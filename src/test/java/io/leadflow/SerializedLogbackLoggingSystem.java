package io.leadflow;

import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;

/**
 * Spring Boot's Logback logging system, configured by one context at a time: Logback's configuration is not safe from
 * two threads at once, and full-stack test classes start and close their leadflows side by side
 * ({@link ParallelContextStarts}).
 */
public final class SerializedLogbackLoggingSystem extends LogbackLoggingSystem {

    private static final Object CONFIGURING = new Object();

    public SerializedLogbackLoggingSystem(ClassLoader classLoader) {
        super(classLoader);
    }

    @Override
    public void beforeInitialize() {
        synchronized (CONFIGURING) {
            super.beforeInitialize();
        }
    }

    @Override
    public void initialize(LoggingInitializationContext initializationContext, String configLocation, LogFile logFile) {
        synchronized (CONFIGURING) {
            super.initialize(initializationContext, configLocation, logFile);
        }
    }

    @Override
    public void cleanUp() {
        synchronized (CONFIGURING) {
            super.cleanUp();
        }
    }

    @Override
    public void setLogLevel(String loggerName, LogLevel level) {
        synchronized (CONFIGURING) {
            super.setLogLevel(loggerName, level);
        }
    }
}

package io.leadflow.engine;

import java.time.Duration;

/** Moves the engine's clock forward: only the embedded engine can, and only tests and demos should. */
@FunctionalInterface
public interface EngineClock {

    void advance(Duration duration);
}

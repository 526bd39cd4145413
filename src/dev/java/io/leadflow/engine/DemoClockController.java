package io.leadflow.engine;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Time travel for demos and the tests that run leadflow as a separate process: moves the embedded
 * engine's clock and leadflow's together (profile {@code demo}, API key required).
 */
@RestController
@Profile("demo")
@RequestMapping("/api/demo/clock")
class DemoClockController {

    private final EngineClock engineClock;
    private final Clock clock;

    DemoClockController(EngineClock engineClock, Clock clock) {
        this.engineClock = engineClock;
        this.clock = clock;
    }

    /** {@code POST /api/demo/clock?advance=PT4H}: answers the new "now". */
    @PostMapping
    Map<String, Instant> advance(@RequestParam Duration advance) {
        engineClock.advance(advance);
        return Map.of("now", clock.instant());
    }
}

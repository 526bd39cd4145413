package io.leadflow.security;

import io.leadflow.platform.MovableClock;
import io.leadflow.security.SecurityProperties.SignInLock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ten failures within fifteen minutes lock a username, or an address, until the oldest of them is fifteen minutes old. */
class SignInThrottleTest {

    private final MovableClock clock = new MovableClock(Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC));
    private final SignInThrottle throttle = new SignInThrottle(
            new SecurityProperties("key", null, new SignInLock(10, Duration.ofMinutes(15))),
            new StaticListableBeanFactory(Map.of("clock", clock)).getBeanProvider(Clock.class));

    @Test
    void theTenthFailureWithinTheWindowLocksTheUsernameUntilTheFirstLeavesIt() {
        for (int failure = 1; failure <= 9; failure++) {
            throttle.failed("ana", "10.0.0." + failure);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.lockedFor("ana", "10.0.0.99")).isZero();
        throttle.failed("ana", "10.0.0.10");

        // The first failure was 9 minutes ago: 6 minutes to go, whichever address asks.
        assertThat(throttle.lockedFor("ana", "10.0.0.99")).isEqualTo(Duration.ofMinutes(6));
        assertThat(throttle.lockedFor("ben", "10.0.0.99")).as("another username from another address").isZero();
        clock.advance(Duration.ofMinutes(6));
        assertThat(throttle.lockedFor("ana", "10.0.0.99")).isZero();
    }

    @Test
    void tenFailuresFromOneAddressLockEveryUsernameThere() {
        for (int failure = 1; failure <= 10; failure++) {
            throttle.failed("user" + failure, "203.0.113.7");
        }
        assertThat(throttle.lockedFor("ana", "203.0.113.7")).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.lockedFor("ana", "198.51.100.1")).isZero();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int failure = 1; failure <= 9; failure++) {
            throttle.failed("ana", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(15));
        throttle.failed("ana", "10.0.0.1");
        assertThat(throttle.lockedFor("ana", "10.0.0.1")).isZero();
    }

    @Test
    void theRightPasswordClearsTheUsernamesFailuresButNotTheAddresss() {
        for (int failure = 1; failure <= 9; failure++) {
            throttle.failed("ana", "10.0.0.1");
        }
        throttle.succeeded("ana");
        throttle.failed("ana", "10.0.0.2");
        assertThat(throttle.lockedFor("ana", "10.0.0.2")).isZero();
        throttle.failed("ben", "10.0.0.1");
        assertThat(throttle.lockedFor("carla", "10.0.0.1")).as("the address's ten failures").isPositive();
    }

    @Test
    void theLockSaysTheMinutesLeftRoundedUp() {
        assertThat(new ThrottledSignIn.Locked(Duration.ofSeconds(61)).getMessage()).isEqualTo("Too many failed sign-ins; try again in 2 minutes");
        assertThat(new ThrottledSignIn.Locked(Duration.ofSeconds(5)).minutes()).isEqualTo(1);
    }
}

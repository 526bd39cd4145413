package io.leadflow.security;

import io.leadflow.security.SecurityProperties.SignInLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Failed sign-ins per username and per client address, kept in memory: they matter for minutes only, counting them
 * costs no database write an attacker could multiply, and a restart forgetting them gives an attacker nothing they could
 * not get by waiting. Each leadflow node counts its own. Only the newest {@code maxFailures} failures of a key are kept,
 * and keys whose failures are all past the window are dropped, so the memory stays bounded by recent failures.
 */
@Component
class SignInThrottle {

    private final SignInLock lock;
    // Looked up at the first sign-in: the web slice tests that sign no one in have no clock.
    private final ObjectProvider<Clock> clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    SignInThrottle(SecurityProperties properties, ObjectProvider<Clock> clock) {
        this.lock = properties.signInLock();
        this.clock = clock;
    }

    /** How long sign-in stays locked for this username or this address; zero when it is not locked. */
    synchronized Duration lockedFor(String username, String address) {
        Instant now = clock.getObject().instant();
        Duration byUser = lockedFor(userKey(username), now);
        Duration byAddress = lockedFor(addressKey(address), now);
        return byUser.compareTo(byAddress) >= 0 ? byUser : byAddress;
    }

    synchronized void failed(String username, String address) {
        Instant now = clock.getObject().instant();
        failures.values().removeIf(times -> expired(times, now));
        record(userKey(username), now);
        record(addressKey(address), now);
    }

    /** The right password clears the username's failures; the address's stay, so guessing across accounts is still counted. */
    synchronized void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private Duration lockedFor(String key, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null || times.size() < lock.maxFailures()) {
            return Duration.ZERO;
        }
        // The oldest of the newest maxFailures failures: the lock ends when it leaves the window.
        Duration left = Duration.between(now, times.peekFirst().plus(lock.window()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        times.addLast(now);
        while (times.size() > lock.maxFailures()) {
            times.removeFirst();
        }
    }

    private boolean expired(Deque<Instant> times, Instant now) {
        return !times.peekLast().plus(lock.window()).isAfter(now);
    }

    private static String userKey(String username) {
        return "user:" + username;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}

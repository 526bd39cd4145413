package io.leadflow.security;

import io.leadflow.platform.PageMessage;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;

/**
 * Checks a sign-in's password unless its username or client address is locked by too many failures; a locked
 * sign-in is refused before its password is looked at, so during the lock the right password is refused too.
 */
class ThrottledSignIn implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;

    ThrottledSignIn(AuthenticationProvider passwords, SignInThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = attempt.getName();
        // The client's address as Tomcat sees it: behind a trusted proxy, from X-Forwarded-For (server.forward-headers-strategy).
        String address = attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "unknown";
        Duration locked = throttle.lockedFor(username, address);
        if (locked.isPositive()) {
            throw new Locked(locked);
        }
        try {
            Authentication signedIn = passwords.authenticate(attempt);
            throttle.succeeded(username);
            return signedIn;
        } catch (BadCredentialsException e) {
            throttle.failed(username, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Too many failures: the sign-in is locked for {@link #minutes()} more (rounded up), which the pages say in their language. */
    static final class Locked extends LockedException {

        private final long minutes;

        Locked(Duration locked) {
            this(Math.max(1, (locked.toSeconds() + 59) / 60));
        }

        private Locked(long minutes) {
            super("Too many failed sign-ins; try again in " + minutes + (minutes == 1 ? " minute" : " minutes"));
            this.minutes = minutes;
        }

        long minutes() {
            return minutes;
        }

        /** What the sign-in and password pages say. */
        MessageSourceResolvable message() {
            return PageMessage.of("signIn.locked", minutes);
        }
    }
}

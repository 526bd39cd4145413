package io.leadflow.security;

import org.springframework.security.core.Authentication;

/** The roles people sign in with, and the one place that says how a manager is recognised. */
public final class Roles {

    public static final String REP = "REP";
    public static final String MANAGER = "MANAGER";

    private Roles() {
    }

    public static boolean isManager(Authentication auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> ("ROLE_" + MANAGER).equals(a.getAuthority()));
    }
}

package io.leadflow.security;

import org.springframework.security.core.Authentication;

/** The roles people sign in with, and the one place that says how a manager is recognised. */
public final class Roles {

    public static final String REP = "REP";
    public static final String MANAGER = "MANAGER";
    /** A machine calling with the API key. */
    public static final String API = "API";

    private Roles() {
    }

    public static boolean isManager(Authentication auth) {
        return has(auth, MANAGER);
    }

    /** Managers and machines see every lead; a rep only their own. */
    public static boolean seesEveryLead(Authentication auth) {
        return has(auth, MANAGER) || has(auth, API);
    }

    private static boolean has(Authentication auth, String role) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> ("ROLE_" + role).equals(a.getAuthority()));
    }
}

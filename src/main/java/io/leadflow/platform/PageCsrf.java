package io.leadflow.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;

/** The CSRF token a page's forms carry. */
public final class PageCsrf {

    private PageCsrf() {
    }

    /** The request's (masked) token, read now: a token read while the page renders would be too late to keep in the session. */
    public static CsrfToken of(HttpServletRequest request) {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        if (token != null) {
            token.getToken();
        }
        return token;
    }
}

package io.leadflow.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/** What every page in the task list's layout shows: who is signed in, whether a manager, and the token its forms send. */
@ControllerAdvice(annotations = PageController.class)
public class PageModel {

    /** The (masked) CSRF token for the forms and the sign-out button; read now, while the response is open. */
    @ModelAttribute("_csrf")
    CsrfToken csrf(HttpServletRequest request) {
        return PageCsrf.of(request);
    }

    @ModelAttribute("user")
    String user(Authentication auth) {
        return nameOf(auth);
    }

    /** Whether the header links the managers' pages; a page may say so itself. */
    @ModelAttribute("manager")
    boolean manager(Authentication auth) {
        return isManager(auth);
    }

    /** The same for a page an exception handler answers with, which model attribute methods do not reach. */
    public static ModelAndView of(String view, HttpServletRequest request, Authentication auth) {
        ModelAndView page = new ModelAndView(view);
        page.addObject("user", nameOf(auth));
        page.addObject("manager", isManager(auth));
        CsrfToken csrf = PageCsrf.of(request);
        if (csrf != null) {
            page.addObject("_csrf", csrf);
        }
        return page;
    }

    /** Signed in with the managers' role (security's Roles.MANAGER, as Spring Security names a role). */
    private static boolean isManager(Authentication auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(authority -> "ROLE_MANAGER".equals(authority.getAuthority()));
    }

    private static String nameOf(Authentication auth) {
        return auth == null ? null : auth.getName();
    }
}

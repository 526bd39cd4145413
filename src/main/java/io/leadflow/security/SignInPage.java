package io.leadflow.security;

import io.leadflow.platform.PageCsrf;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** leadflow's sign-in page, in the task list's style; Spring Security checks what it posts to /login. */
@Controller
class SignInPage {

    static final String WRONG_PASSWORD = "signIn.wrongPassword";
    static final String SIGNED_OUT = "signIn.signedOut";

    @GetMapping("/login")
    String signIn(HttpServletRequest request, Model model) {
        model.addAttribute("_csrf", PageCsrf.of(request));
        // "?error" and "?logout" carry no value.
        if (request.getParameterMap().containsKey("error")) {
            HttpSession session = request.getSession(false);
            Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("error", failure instanceof ThrottledSignIn.Locked locked ? locked.message() : WRONG_PASSWORD);
        }
        if (request.getParameterMap().containsKey("logout")) {
            model.addAttribute("notice", SIGNED_OUT);
        }
        return "login";
    }
}

package io.leadflow.security;

import io.leadflow.assignment.PasswordRule;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.platform.PageController;
import io.leadflow.platform.PageMessage;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a signed-in rep or manager changes their own password. It asks for the current one, so a session left open is
 * not enough, and checks it as signing in does (the same lock, which a wrong one counts towards), so the page is no way
 * around it.
 */
@PageController
@RequestMapping("/account/password")
class PasswordPage {

    static final String CHANGED = "password.changed";
    static final String WRONG_CURRENT = "password.wrongCurrent";
    static final String REPEAT_DIFFERS = "password.repeatDiffers";

    private final RepDirectory directory;
    private final AuthenticationProvider signIn;

    PasswordPage(RepDirectory directory, AuthenticationProvider signIn) {
        this.directory = directory;
        this.signIn = signIn;
    }

    @ModelAttribute("passwordRule")
    PasswordRule passwordRule() {
        return PasswordRule.STANDARD;
    }

    @GetMapping
    String form(Model model) {
        model.addAttribute("errors", List.of());
        return "account/password";
    }

    @PostMapping
    ModelAndView change(@RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword,
                        @RequestParam(defaultValue = "") String repeatPassword, Authentication auth, HttpServletRequest request,
                        Model model, RedirectAttributes redirect) {
        String username = auth.getName();
        List<Object> errors = new ArrayList<>();
        UsernamePasswordAuthenticationToken current = UsernamePasswordAuthenticationToken.unauthenticated(username, currentPassword);
        current.setDetails(new WebAuthenticationDetails(request));
        try {
            signIn.authenticate(current);
        } catch (ThrottledSignIn.Locked e) {
            errors.add(e.message());
        } catch (AuthenticationException e) {
            errors.add(WRONG_CURRENT);
        }
        if (PasswordRule.STANDARD.refusal(newPassword).isPresent()) {
            errors.add(PageMessage.of("password.length.refused", PasswordRule.STANDARD.min(), PasswordRule.STANDARD.max()));
        }
        if (!newPassword.equals(repeatPassword)) {
            errors.add(REPEAT_DIFFERS);
        }
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            ModelAndView page = new ModelAndView("account/password", model.asMap());
            page.setStatus(HttpStatus.UNPROCESSABLE_ENTITY);
            return page;
        }
        directory.setPassword(username, newPassword);
        redirect.addFlashAttribute("flash", CHANGED);
        return new ModelAndView("redirect:/account/password");
    }
}

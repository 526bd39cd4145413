package io.leadflow.security;

import io.leadflow.assignment.RepDirectory;
import io.leadflow.assignment.SignIn;
import io.leadflow.platform.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * leadflow's sign-in page and its lock, and the page where a signed-in person changes their password (the current one
 * first, the length rule, the repeat, the same lock), on the web layer with the real security configuration.
 */
@WebMvcTest({SignInPage.class, PasswordPage.class})
@WithApiKeySecurity
class SignInPageTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        MovableClock clock() {
            return new MovableClock(Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC));
        }
    }

    private static final RequestPostProcessor ANA = user("ana").roles(Roles.REP);

    @Autowired
    MockMvc mvc;
    @Autowired
    MockMvcTester tester;
    @Autowired
    RepDirectory directory;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    MovableClock clock;

    @BeforeEach
    void ana() {
        // The tests share the throttle: a day later, no earlier test's failures count.
        clock.advance(Duration.ofDays(1));
        when(directory.signIn("ana")).thenReturn(Optional.of(new SignIn("ana", passwords.encode("ana-password"), false)));
    }

    @Test
    void thePageHasTheFormWithItsCsrfToken() throws Exception {
        String page = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"username\" name=\"username\"", "id=\"password\" name=\"password\"",
                "name=\"_csrf\"", "/css/tasklist.css", "action=\"/login\"");
    }

    @Test
    void theFaviconIsForEveryoneSoSigningInDoesNotLandOnIt() {
        assertThat(tester.get().uri("/favicon.ico")).hasStatusOk().hasContentType("image/x-icon");
        assertThat(tester.get().uri("/login")).bodyText().contains("<link rel=\"icon\" href=\"/favicon.ico\"");
    }

    @Test
    void theRightPasswordSignsInAndAWrongOneSaysSo() throws Exception {
        assertThat(signIn("ana", "ana-password", "10.0.0.1").getResponse().getRedirectedUrl()).isEqualTo("/tasks");
        MvcResult wrong = signIn("ana", "wrong", "10.0.0.1");
        assertThat(wrong.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(page("/login?error", wrong)).contains("Wrong username or password.");
        assertThat(page("/login?logout", wrong)).contains("You have signed out.");
    }

    @Test
    void tenFailuresLockTheUsernameEvenForTheRightPasswordUntilTheWindowPasses() throws Exception {
        for (int failure = 1; failure <= 10; failure++) {
            signIn("ana", "guess-" + failure, "198.51.100." + failure);
        }
        MvcResult locked = signIn("ana", "ana-password", "10.0.0.1");
        assertThat(locked.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(page("/login?error", locked)).contains("Too many failed sign-ins; try again in 15 minutes");

        clock.advance(Duration.ofMinutes(15));
        assertThat(signIn("ana", "ana-password", "10.0.0.1").getResponse().getRedirectedUrl()).isEqualTo("/tasks");
    }

    @Test
    void tenFailuresFromOneAddressLockItForEveryone() throws Exception {
        for (int failure = 1; failure <= 10; failure++) {
            signIn("user" + failure, "guess", "203.0.113.9");
        }
        MvcResult locked = signIn("ana", "ana-password", "203.0.113.9");
        assertThat(page("/login?error", locked)).contains("Too many failed sign-ins");
        assertThat(signIn("ana", "ana-password", "10.0.0.2").getResponse().getRedirectedUrl()).isEqualTo("/tasks");
    }

    @Test
    void thePageIsInTheBrowsersLanguageAndTheLanguageChosenStaysInACookie() throws Exception {
        assertThat(tester.get().uri("/login").header("Accept-Language", "es-MX,es;q=0.9,en;q=0.5")).hasStatusOk().bodyText()
                .contains("<html lang=\"es\">", "<h1>Iniciar sesión</h1>", "<label for=\"username\">Usuario</label>", "href=\"?lang=en\"");
        assertThat(tester.get().uri("/login").header("Accept-Language", "de-DE,fr;q=0.8")).hasStatusOk().bodyText()
                .as("a language leadflow has not: English").contains("<html lang=\"en\">", "<h1>Sign in</h1>");

        MvcResult chosen = mvc.perform(get("/login").param("lang", "es").header("Accept-Language", "en")).andReturn();
        assertThat(chosen.getResponse().getContentAsString()).contains("<h1>Iniciar sesión</h1>");
        var cookie = chosen.getResponse().getCookie("leadflow-lang");
        assertThat(cookie).isNotNull();
        assertThat(tester.get().uri("/login").cookie(cookie).header("Accept-Language", "en")).bodyText().contains("<h1>Iniciar sesión</h1>");
        assertThat(tester.get().uri("/login").param("lang", "xx").header("Accept-Language", "en")).hasStatusOk().bodyText()
                .as("an unknown language is ignored").contains("<h1>Sign in</h1>");
    }

    @Test
    void theMessagesOfSigningInAndOfThePasswordPageAreInSpanishToo() throws Exception {
        MvcResult wrong = signIn("ana", "wrong", "10.0.0.3");
        assertThat(mvc.perform(get("/login?error").session((MockHttpSession) wrong.getRequest().getSession()).param("lang", "es"))
                .andReturn().getResponse().getContentAsString()).contains("Usuario o contraseña incorrectos.");
        assertThat(change("guess", "short", "shorter").header("Accept-Language", "es")).hasStatus(HttpStatus.UNPROCESSABLE_ENTITY).bodyText()
                .contains("<h1>Tu contraseña</h1>", "Sesión de <strong>ana</strong>", "La contraseña actual no es correcta.",
                        "La contraseña nueva tiene de 8 a 200 caracteres.", "La contraseña nueva y su repetición no coinciden.");
    }

    @Test
    void choosingALanguageSignedInKeepsItAsThePersonsLanguage() {
        assertThat(tester.get().uri("/account/password").with(ANA).param("lang", "es")).hasStatusOk().bodyText().contains("<h1>Tu contraseña</h1>");
        verify(directory).choose("ana", Locale.forLanguageTag("es"));
        when(directory.languageOf("ana")).thenReturn(Optional.of(Locale.forLanguageTag("es")));
        assertThat(tester.get().uri("/account/password").with(ANA).header("Accept-Language", "en")).bodyText()
                .as("on another browser, the person's language").contains("<h1>Tu contraseña</h1>");
    }

    private MvcResult signIn(String username, String password, String address) throws Exception {
        return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                })).andReturn();
    }

    private String page(String url, MvcResult after) throws Exception {
        return mvc.perform(get(url).session((MockHttpSession) after.getRequest().getSession()))
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void theFormIsForWhoeverIsSignedIn() {
        assertThat(tester.get().uri("/account/password").with(ANA)).hasStatusOk().bodyText()
                .contains("name=\"currentPassword\"", "name=\"newPassword\"", "name=\"repeatPassword\"", "minlength=\"8\"",
                        "name=\"_csrf\"", "Signed in as <strong>ana</strong>");
        assertThat(tester.get().uri("/account/password")).hasStatus(HttpStatus.FOUND).redirectedUrl().endsWith("/login");
    }

    @Test
    void theRightCurrentPasswordChangesIt() {
        assertThat(change("ana-password", "a-new-secret", "a-new-secret")).hasStatus(HttpStatus.FOUND)
                .hasRedirectedUrl("/account/password").flash().containsKey("flash");
        verify(directory).setPassword("ana", "a-new-secret");
    }

    @Test
    void aWrongCurrentPasswordAShortNewOneAndAnotherRepeatAreEachSaidAndNothingChanges() {
        assertThat(change("guess", "short", "shorter")).hasStatus(HttpStatus.UNPROCESSABLE_ENTITY).bodyText()
                .contains("The current password is wrong.", "The new password is 8 to 200 characters.", "The new password and its repeat differ.");
        assertThat(tester.post().uri("/account/password").with(ANA).param("currentPassword", "ana-password")
                .param("newPassword", "a-new-secret").param("repeatPassword", "a-new-secret")).hasStatus(HttpStatus.FORBIDDEN);
        verify(directory, never()).setPassword(any(), any());
    }

    @Test
    void wrongCurrentPasswordsCountTowardsTheSignInLock() {
        for (int failure = 1; failure <= 10; failure++) {
            change("guess-" + failure, "a-new-secret", "a-new-secret").exchange();
        }
        assertThat(change("ana-password", "a-new-secret", "a-new-secret")).hasStatus(HttpStatus.UNPROCESSABLE_ENTITY).bodyText()
                .contains("Too many failed sign-ins; try again in 15 minutes.");
        verify(directory, never()).setPassword(any(), any());
    }

    private MockMvcTester.MockMvcRequestBuilder change(String current, String newPassword, String repeat) {
        return tester.post().uri("/account/password").with(ANA).with(csrf()).param("currentPassword", current)
                .param("newPassword", newPassword).param("repeatPassword", repeat);
    }
}

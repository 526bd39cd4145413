package io.leadflow.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The language of the pages, English or Spanish: the one chosen with {@code ?lang=} (kept in a cookie, and as the
 * signed-in person's language), else the person's language, else the browser's Accept-Language, else English.
 */
@Configuration(proxyBeanMethods = false)
public class PageLanguages implements WebMvcConfigurer {

    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));
    public static final String PARAMETER = "lang";

    @Bean
    LocaleResolver localeResolver(ObjectProvider<PreferredLanguages> people) {
        return new ChosenLanguage(people);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(PARAMETER);
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).excludePathPatterns("/api/**");
    }

    /** The supported language closest to {@code language}; empty when none is. */
    public static Optional<Locale> supported(Locale language) {
        return language == null ? Optional.empty()
                : SUPPORTED.stream().filter(locale -> locale.getLanguage().equals(language.getLanguage())).findFirst();
    }

    /** The supported language a browser prefers most, by its Accept-Language. */
    static Locale fromBrowser(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") == null) {
            return Locale.ENGLISH;
        }
        return Collections.list(request.getLocales()).stream().map(PageLanguages::supported).flatMap(Optional::stream)
                .findFirst().orElse(Locale.ENGLISH);
    }

    private static Optional<String> signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return new AuthenticationTrustResolverImpl().isAuthenticated(auth) ? Optional.of(auth.getName()) : Optional.empty();
    }

    private static final class ChosenLanguage extends CookieLocaleResolver {

        private final ObjectProvider<PreferredLanguages> people;

        ChosenLanguage(ObjectProvider<PreferredLanguages> people) {
            super("leadflow-lang");
            this.people = people;
            setCookieMaxAge(Duration.ofDays(365));
            setRejectInvalidCookies(true);
            // The API's answers are not in a language: no look-up of the caller's on each call.
            setDefaultLocaleFunction(request -> (BrowserErrorPages.isApi(request.getRequestURI()) ? Optional.<String>empty() : signedIn())
                    .flatMap(username -> Optional.ofNullable(people.getIfAvailable()).flatMap(known -> known.languageOf(username)))
                    .flatMap(PageLanguages::supported)
                    .orElseGet(() -> fromBrowser(request)));
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return supported(super.resolveLocale(request)).orElseGet(() -> fromBrowser(request));
        }

        /** A language leadflow has is kept, for the person too; another is ignored. */
        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            supported(locale).ifPresent(language -> {
                super.setLocale(request, response, language);
                signedIn().ifPresent(username -> people.ifAvailable(known -> known.choose(username, language)));
            });
        }
    }
}

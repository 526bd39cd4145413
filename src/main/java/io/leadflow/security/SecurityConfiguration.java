package io.leadflow.security;

import io.leadflow.assignment.RepDirectory;
import io.leadflow.platform.ProblemHandler;
import io.leadflow.platform.Secrets;
import io.leadflow.platform.Secrets.Secret;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.filter.OncePerRequestFilter;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;

/**
 * Three doors: machines call /api with a bearer API key; reps and managers sign in to the task list
 * with a form (passwords from the directory, hashed; throttled); a Prometheus scraper reads /actuator/prometheus
 * with a token of its own. Unsubscribe links in emails need no sign-in (RFC 8058 one-click). The directory of reps
 * and teams, the managers' page and planner, and the metrics, are for managers only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final Secret API_KEY = new Secret("leadflow.security.api-key", "LEADFLOW_API_KEY", "dev-api-key");
    private static final String API_ROLE = Roles.API;
    private static final String SCRAPER_ROLE = "SCRAPER";
    private static final String WRONG_API_KEY = "Missing or wrong API key";
    private static final String WRONG_METRICS_TOKEN = "Missing or wrong metrics token";
    private static final String NO_SIGN_IN = "Missing or wrong API key, and no one signed in";
    private static final String NO_CREDENTIALS = "Missing or wrong API key, and no manager signed in";
    private static final AuthenticationTrustResolver SIGNED_IN = new AuthenticationTrustResolverImpl();

    private final String apiKey;

    SecurityConfiguration(SecurityProperties properties, Secrets secrets) {
        // In development the key may be left unset: the development key it then is.
        this.apiKey = Objects.requireNonNullElse(secrets.require(API_KEY, properties.apiKey()), API_KEY.shippedDefault());
    }

    /**
     * The directory's, the reports', the planner's and the simulations' API take the API key (the admin machine credential) or a manager's task-list session, with
     * its CSRF token; a signed-in rep gets 403.
     */
    @Bean
    @Order(0)
    SecurityFilterChain managersApiSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        return http.securityMatcher("/api/reps/**", "/api/teams/**", "/api/reports/**", "/api/planner/**", "/api/simulations/**")
                // A call with the API key carries no cookie a forged request could ride on.
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null))
                .addFilterBefore(new BearerTokenFilter(apiKey, API_ROLE, WRONG_API_KEY, json, false), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAnyRole(API_ROLE, Roles.MANAGER))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) ->
                                writeProblem(response, json, HttpStatus.UNAUTHORIZED, NO_CREDENTIALS))
                        // No credentials at all is a 401, not the refusal of a CSRF token no one signed in could have.
                        .accessDeniedHandler((request, response, e) -> {
                            if (!SIGNED_IN.isAuthenticated(SecurityContextHolder.getContext().getAuthentication())) {
                                writeProblem(response, json, HttpStatus.UNAUTHORIZED, NO_CREDENTIALS);
                            } else {
                                writeProblem(response, json, HttpStatus.FORBIDDEN,
                                        e instanceof CsrfException ? "Missing or wrong CSRF token" : "For managers only");
                            }
                        }))
                .build();
    }

    /**
     * The lead list reads with the API key or anyone's task-list session (a rep sees their own leads there); it only
     * reads, so no CSRF token is asked for.
     */
    @Bean
    @Order(0)
    SecurityFilterChain leadListApiSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        return http.securityMatcher(request -> HttpMethod.GET.matches(request.getMethod())
                        && "/api/leads".equals(request.getRequestURI().substring(request.getContextPath().length())))
                .addFilterBefore(new BearerTokenFilter(apiKey, API_ROLE, WRONG_API_KEY, json, false), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) ->
                        writeProblem(response, json, HttpStatus.UNAUTHORIZED, NO_SIGN_IN)))
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        return http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(apiKey, API_ROLE, WRONG_API_KEY, json, true), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) ->
                        writeProblem(response, json, HttpStatus.UNAUTHORIZED, WRONG_API_KEY)))
                .build();
    }

    /** Prometheus reads with the metrics token; without one configured, no one does. */
    @Bean
    @Order(2)
    SecurityFilterChain scraperSecurity(HttpSecurity http, SecurityProperties properties, ObjectMapper json) throws Exception {
        http.securityMatcher("/actuator/prometheus")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) ->
                        writeProblem(response, json, HttpStatus.UNAUTHORIZED, WRONG_METRICS_TOKEN)));
        String token = properties.metricsToken();
        if (token == null || token.isBlank()) {
            return http.authorizeHttpRequests(auth -> auth.anyRequest().denyAll()).build();
        }
        return http.addFilterBefore(new BearerTokenFilter(token, SCRAPER_ROLE, WRONG_METRICS_TOKEN, json, true), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(SCRAPER_ROLE))
                .build();
    }

    /**
     * Health is open to every caller, who sees only the status (a load balancer's probe); the API key or a
     * signed-in manager also sees the details (management.endpoint.health.roles).
     */
    @Bean
    @Order(3)
    SecurityFilterChain healthSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        return http.securityMatcher("/actuator/health", "/actuator/health/**")
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new BearerTokenFilter(apiKey, API_ROLE, WRONG_API_KEY, json, false), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/unsubscribe/**", "/track/**", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html", "/login", "/error", "/css/**", "/favicon.ico").permitAll()
                        .requestMatchers("/reps/**", "/manager/**", "/actuator/metrics", "/actuator/metrics/**").hasRole(Roles.MANAGER)
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/unsubscribe/**"))
                // After signing in, back to the page asked for (a mail's task link), else the task list.
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/tasks"))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .build();
    }

    /** Sign-in: the directory's people and password hashes, behind the lock of too many failures. */
    @Bean
    AuthenticationProvider signIn(RepDirectory people, PasswordEncoder passwordEncoder, SignInThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(username -> people.signIn(username)
                .map(person -> User.withUsername(person.username()).password(person.passwordHash())
                        .roles(person.manager() ? new String[] {Roles.REP, Roles.MANAGER} : new String[] {Roles.REP})
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException(username)));
        passwords.setPasswordEncoder(passwordEncoder);
        return new ThrottledSignIn(passwords, throttle);
    }

    static void writeProblem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String detail) throws IOException {
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        ProblemHandler.write(response, json, ProblemHandler.problem(status, detail));
    }

    /**
     * Accepts "Authorization: Bearer <token>" as the role's credential; compares in constant time. A wrong token is
     * refused; a missing one too, unless {@code required} is false (the request may be let in by its session).
     */
    static final class BearerTokenFilter extends OncePerRequestFilter {

        private final byte[] token;
        private final String role;
        private final String refusal;
        private final ObjectMapper json;
        private final boolean required;

        BearerTokenFilter(String token, String role, String refusal, ObjectMapper json, boolean required) {
            this.token = token.getBytes(StandardCharsets.UTF_8);
            this.role = role;
            this.refusal = refusal;
            this.json = json;
            this.required = required;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header == null && !required) {
                chain.doFilter(request, response);
                return;
            }
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                    || !MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
                writeProblem(response, json, HttpStatus.UNAUTHORIZED, refusal);
                return;
            }
            SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(
                    role.toLowerCase(Locale.ROOT), null, AuthorityUtils.createAuthorityList("ROLE_" + role)));
            chain.doFilter(request, response);
        }
    }
}

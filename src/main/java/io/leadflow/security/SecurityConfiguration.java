package io.leadflow.security;

import io.leadflow.assignment.RepDirectory;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.filter.OncePerRequestFilter;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Two doors: machines call /api with a bearer API key; reps and managers sign in to the task list
 * with a form. Unsubscribe links in emails need no sign-in (RFC 8058 one-click). The directory of reps
 * and teams is for managers only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String API_ROLE = "API";

    /**
     * The directory's API takes the API key (the admin machine credential) or a manager's task-list session, with
     * its CSRF token; a signed-in rep gets 403.
     */
    @Bean
    @Order(0)
    SecurityFilterChain managersApiSecurity(HttpSecurity http, SecurityProperties properties, ObjectMapper json) throws Exception {
        return http.securityMatcher("/api/reps/**", "/api/teams/**")
                // A call with the API key carries no cookie a forged request could ride on.
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null))
                .addFilterBefore(new ApiKeyFilter(properties.apiKey(), json, false), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAnyRole(API_ROLE, Roles.MANAGER))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) ->
                                writeProblem(response, json, HttpStatus.UNAUTHORIZED, "Missing or wrong API key, and no manager signed in"))
                        .accessDeniedHandler((request, response, e) -> writeProblem(response, json, HttpStatus.FORBIDDEN,
                                e instanceof CsrfException ? "Missing or wrong CSRF token" : "For managers only")))
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties, ObjectMapper json) throws Exception {
        return http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyFilter(properties.apiKey(), json, true), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) ->
                        writeProblem(response, json, HttpStatus.UNAUTHORIZED, "Missing or wrong API key")))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/unsubscribe/**", "/actuator/health/**", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html", "/login", "/error", "/css/**").permitAll()
                        .requestMatchers("/reps/**").hasRole(Roles.MANAGER)
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/unsubscribe/**"))
                .formLogin(form -> form.defaultSuccessUrl("/tasks", true))
                .logout(Customizer.withDefaults())
                .build();
    }

    @Bean
    InMemoryUserDetailsManager people(RepDirectory people) {
        List<UserDetails> users = new ArrayList<>();
        people.reps().forEach(rep -> users.add(User.withUsername(rep.username())
                .password("{noop}" + rep.password()).roles(Roles.REP).build()));
        people.managers().forEach(manager -> users.add(User.withUsername(manager.username())
                .password("{noop}" + manager.password()).roles(Roles.REP, Roles.MANAGER).build()));
        return new InMemoryUserDetailsManager(users);
    }

    static void writeProblem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), problem);
    }

    /**
     * Accepts "Authorization: Bearer <key>"; compares in constant time. A wrong key is refused; a missing one too,
     * unless {@code required} is false (the request may be let in by its session).
     */
    static final class ApiKeyFilter extends OncePerRequestFilter {

        private final byte[] key;
        private final ObjectMapper json;
        private final boolean required;

        ApiKeyFilter(String key, ObjectMapper json, boolean required) {
            if (key == null || key.isBlank()) {
                throw new IllegalStateException("leadflow.security.api-key (env LEADFLOW_API_KEY) must be set");
            }
            this.key = key.getBytes(StandardCharsets.UTF_8);
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
                    || !MessageDigest.isEqual(key, header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
                writeProblem(response, json, HttpStatus.UNAUTHORIZED, "Missing or wrong API key");
                return;
            }
            SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(
                    "api", null, AuthorityUtils.createAuthorityList("ROLE_" + API_ROLE)));
            chain.doFilter(request, response);
        }
    }
}

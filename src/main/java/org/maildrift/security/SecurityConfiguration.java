package org.maildrift.security;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Form login for the dashboard, HTTP Basic for API clients, two roles. Health is public (without
 * details); metrics and every other actuator endpoint are for admins. CSRF protects every form; a
 * request that carries Basic or Bearer credentials (an API client, which a browser cannot forge
 * across sites) does not need the token, since those credentials alone authenticate it: any other
 * Authorization header does not exempt it. Logins are throttled per user and address
 * ({@link LoginThrottle}); no session is made before a login succeeds.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Sessions one user may hold at once; a further login ends the oldest. */
    static final int SESSIONS_PER_USER = 8;
    /** Credentials that authenticate the request themselves, so that it needs no CSRF token. */
    private static final java.util.regex.Pattern HEADER_CREDENTIALS =
            java.util.regex.Pattern.compile("(?i)(basic|bearer) +\\S+");

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, org.maildrift.agents.AgentTokens tokens,
            LoginThrottle throttle, SessionRegistry sessions) throws Exception {
        http.addFilterBefore(new LoginThrottleFilter(throttle),
                org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class);
        http.addFilterBefore(new AgentTokenFilter(tokens),
                org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class);
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                // an agent pushes its own host's configuration, and nothing else
                .requestMatchers(HttpMethod.PUT, "/api/hosts/{id}/config/{kind}").access((authentication, ctx) ->
                        new org.springframework.security.authorization.AuthorizationDecision(
                                (AgentTokenFilter.PREFIX + ctx.getVariables().get("id"))
                                        .equals(authentication.get().getName())
                                        && authentication.get().getAuthorities().stream()
                                                .anyMatch(a -> a.getAuthority().equals("ROLE_AGENT"))))
                // and reads the table questions of its own host
                .requestMatchers(HttpMethod.GET, "/api/hosts/{id}/table-questions").access((authentication, ctx) ->
                        new org.springframework.security.authorization.AuthorizationDecision(
                                (AgentTokenFilter.PREFIX + ctx.getVariables().get("id"))
                                        .equals(authentication.get().getName())
                                        && authentication.get().getAuthorities().stream()
                                                .anyMatch(a -> a.getAuthority().equals("ROLE_AGENT"))))
                .requestMatchers(r -> r.getHeader("Authorization") != null
                        && r.getHeader("Authorization").regionMatches(true, 0, "Bearer ", 0, 7)).denyAll()
                .requestMatchers("/login", "/css/**", "/favicon.ico", "/error").permitAll()
                .requestMatchers("/actuator/**").hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, "/api/runs", "/checks").hasRole("ADMIN")
                // a precheck changes nothing: whoever may read the findings may ask what a change would do
                .requestMatchers(HttpMethod.POST, "/api/prechecks", "/plan").hasAnyRole("VIEWER", "ADMIN")
                .requestMatchers(HttpMethod.GET, "/api/audit", "/audit", "/api/hosts/{id}/tokens").hasRole("ADMIN")
                .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole("VIEWER", "ADMIN")
                .requestMatchers("/api/**").hasRole("ADMIN")
                .requestMatchers(HttpMethod.GET, "/**").hasAnyRole("VIEWER", "ADMIN")
                .anyRequest().hasRole("ADMIN"))
                .formLogin(form -> form.loginPage("/login").permitAll().failureHandler(failureWithoutSession()))
                .httpBasic(Customizer.withDefaults())
                .logout(Customizer.withDefaults())
                // an agent token outside its scope is authenticated but not allowed: 403, not a login prompt
                .exceptionHandling(e -> e.defaultAccessDeniedHandlerFor(
                        (request, response, denied) -> response.sendError(403, "not allowed for this agent token"),
                        r -> isBearer(r.getHeader("Authorization"))))
                // no session for anyone who has not logged in: the page to return to after login is kept in a
                // cookie, the CSRF token too; sessions per user are capped
                .requestCache(c -> c.requestCache(new CookieRequestCache()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .maximumSessions(SESSIONS_PER_USER).sessionRegistry(sessions).expiredUrl("/login?expired"))
                .csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository())
                        .ignoringRequestMatchers(r -> r.getHeader("Authorization") != null
                                && HEADER_CREDENTIALS.matcher(r.getHeader("Authorization")).matches()))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    private static boolean isBearer(String header) {
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** A failed form login goes back to the form without creating a session to carry the error. */
    private static SimpleUrlAuthenticationFailureHandler failureWithoutSession() {
        SimpleUrlAuthenticationFailureHandler h = new SimpleUrlAuthenticationFailureHandler("/login?error");
        h.setAllowSessionCreation(false);
        return h;
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the session registry when sessions end, so that ended sessions do not count against a user. */
    @Bean
    static HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    /** A backstop over all users: Tomcat refuses a new session past this many. */
    @Bean
    org.springframework.boot.tomcat.TomcatContextCustomizer sessionLimit(
            @org.springframework.beans.factory.annotation.Value("${maildrift.security.max-sessions:2000}") int max) {
        return context -> {
            if (context.getManager() instanceof org.apache.catalina.session.ManagerBase m) {
                m.setMaxActiveSessions(max);
            } else {
                org.apache.catalina.session.StandardManager m = new org.apache.catalina.session.StandardManager();
                m.setMaxActiveSessions(max);
                context.setManager(m);
            }
        };
    }

    @Bean
    static PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @EventListener(ApplicationReadyEvent.class)
    void firstAdmin(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(UserAccounts.class).createFirstAdminIfNone();
    }
}

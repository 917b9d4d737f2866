package org.maildrift.security;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Form login for the dashboard, HTTP Basic for API clients, two roles. Health is public (without
 * details); metrics and every other actuator endpoint are for admins. CSRF protects every form; a
 * request that carries its own Authorization header (an API client, which a browser cannot forge
 * across sites) does not need the token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, org.maildrift.agents.AgentTokens tokens)
            throws Exception {
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
                .requestMatchers(r -> r.getHeader("Authorization") != null
                        && r.getHeader("Authorization").regionMatches(true, 0, "Bearer ", 0, 7)).denyAll()
                .requestMatchers("/login", "/css/**", "/favicon.ico", "/error").permitAll()
                .requestMatchers("/actuator/**").hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, "/api/runs", "/checks").hasRole("ADMIN")
                // a precheck changes nothing: whoever may read the findings may ask what a change would do
                .requestMatchers(HttpMethod.POST, "/api/prechecks", "/plan").hasAnyRole("VIEWER", "ADMIN")
                .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole("VIEWER", "ADMIN")
                .requestMatchers("/api/**").hasRole("ADMIN")
                .requestMatchers(HttpMethod.GET, "/**").hasAnyRole("VIEWER", "ADMIN")
                .anyRequest().hasRole("ADMIN"))
                .formLogin(form -> form.loginPage("/login").permitAll())
                .httpBasic(Customizer.withDefaults())
                .logout(Customizer.withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers(r -> r.getHeader("Authorization") != null))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
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

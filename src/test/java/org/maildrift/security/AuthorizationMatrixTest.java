package org.maildrift.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every mapped endpoint × {anonymous, viewer, admin, mlserver's agent token, another host's agent token}. The table below is the policy; an endpoint that is
 * mapped but has no row fails the test, so a new endpoint cannot ship without a decision.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuthorizationMatrixTest {

    enum Who { ANONYMOUS, VIEWER, ADMIN, AGENT, OTHER_AGENT }

    /** Who may use an endpoint; everyone else is refused (401/403, or sent to the login page). */
    record Row(Set<Who> allowed, String example) {
    }

    private static final Set<Who> EVERYONE = Set.of(Who.values());
    private static final Set<Who> READERS = Set.of(Who.VIEWER, Who.ADMIN);
    private static final Set<Who> ADMINS = Set.of(Who.ADMIN);

    private static final Map<String, Row> POLICY = new LinkedHashMap<>();

    static {
        POLICY.put("GET /login", new Row(EVERYONE, "/login"));
        POLICY.put("GET /", new Row(READERS, "/"));
        POLICY.put("POST /checks", new Row(ADMINS, "/checks"));
        POLICY.put("GET /findings", new Row(READERS, "/findings"));
        POLICY.put("GET /findings/{id}", new Row(READERS, "/findings/999"));
        POLICY.put("GET /hosts", new Row(READERS, "/hosts"));
        POLICY.put("GET /runs", new Row(READERS, "/runs"));
        POLICY.put("GET /runs/{id}", new Row(READERS, "/runs/999"));
        POLICY.put("GET /rules", new Row(READERS, "/rules"));
        POLICY.put("GET /rules/{id}", new Row(READERS, "/rules/config-invalid"));
        POLICY.put("GET /inventory", new Row(READERS, "/inventory"));
        POLICY.put("GET /alerts", new Row(READERS, "/alerts"));
        POLICY.put("GET /alerts/notices/{id}", new Row(READERS, "/alerts/notices/999"));
        POLICY.put("POST /alerts/test", new Row(ADMINS, "/alerts/test"));
        POLICY.put("POST /alerts/notices/{id}/resend", new Row(ADMINS, "/alerts/notices/999/resend"));
        POLICY.put("POST /alerts/silences", new Row(ADMINS, "/alerts/silences"));
        POLICY.put("POST /alerts/silences/{id}/end", new Row(ADMINS, "/alerts/silences/999/end"));
        POLICY.put("GET /acceptances", new Row(READERS, "/acceptances"));
        POLICY.put("GET /acceptances/export.yml", new Row(READERS, "/acceptances/export.yml"));
        POLICY.put("POST /findings/{id}/accept", new Row(ADMINS, "/findings/999/accept"));
        POLICY.put("POST /acceptances/{id}/remove", new Row(ADMINS, "/acceptances/999/remove"));
        POLICY.put("GET /api/acceptances", new Row(READERS, "/api/acceptances"));
        POLICY.put("GET /api/acceptances/export", new Row(READERS, "/api/acceptances/export"));
        POLICY.put("POST /api/acceptances", new Row(ADMINS, "/api/acceptances"));
        POLICY.put("DELETE /api/acceptances/{id}", new Row(ADMINS, "/api/acceptances/999"));
        POLICY.put("GET /plan", new Row(READERS, "/plan"));
        POLICY.put("POST /plan", new Row(READERS, "/plan"));
        POLICY.put("POST /api/prechecks", new Row(READERS, "/api/prechecks"));
        POLICY.put("GET /api/alerts", new Row(READERS, "/api/alerts"));
        POLICY.put("GET /api/alerts/notices", new Row(READERS, "/api/alerts/notices"));
        POLICY.put("POST /api/alerts/test", new Row(ADMINS, "/api/alerts/test"));
        POLICY.put("POST /api/alerts/notices/{id}/resend", new Row(ADMINS, "/api/alerts/notices/999/resend"));
        POLICY.put("GET /api/silences", new Row(READERS, "/api/silences"));
        POLICY.put("POST /api/silences", new Row(ADMINS, "/api/silences"));
        POLICY.put("DELETE /api/silences/{id}", new Row(ADMINS, "/api/silences/999"));
        POLICY.put("GET /api/runs", new Row(READERS, "/api/runs"));
        POLICY.put("GET /api/runs/{id}", new Row(READERS, "/api/runs/999"));
        POLICY.put("POST /api/runs", new Row(ADMINS, "/api/runs"));
        POLICY.put("GET /api/runs/{id}/diff", new Row(READERS, "/api/runs/999/diff"));
        POLICY.put("GET /api/findings", new Row(READERS, "/api/findings"));
        POLICY.put("GET /api/findings/{id}", new Row(READERS, "/api/findings/999"));
        POLICY.put("GET /api/hosts", new Row(READERS, "/api/hosts"));
        POLICY.put("GET /api/rules", new Row(READERS, "/api/rules"));
        POLICY.put("PUT /api/users/{name}", new Row(ADMINS, "/api/users/matrix-user"));
        POLICY.put("DELETE /api/users/{name}", new Row(ADMINS, "/api/users/no-such-matrix-user"));
        POLICY.put("GET /api/hosts/{id}/tokens", new Row(ADMINS, "/api/hosts/mlserver/tokens"));
        POLICY.put("GET /api/audit", new Row(ADMINS, "/api/audit"));
        POLICY.put("GET /audit", new Row(ADMINS, "/audit"));
        POLICY.put("POST /api/hosts/{id}/tokens", new Row(ADMINS, "/api/hosts/mlserver/tokens"));
        POLICY.put("DELETE /api/hosts/{id}/tokens/{tokenId}", new Row(ADMINS, "/api/hosts/mlserver/tokens/999999"));
        POLICY.put("PUT /api/hosts/{id}/config/{kind}", new Row(Set.of(Who.AGENT), "/api/hosts/mlserver/config/main.cf"));
        POLICY.put("GET /api/hosts/{id}/table-questions", new Row(Set.of(Who.AGENT), "/api/hosts/mlserver/table-questions"));
        POLICY.put("GET /actuator/health", new Row(EVERYONE, "/actuator/health"));
        POLICY.put("GET /actuator/prometheus", new Row(ADMINS, "/actuator/prometheus"));
        POLICY.put("GET /actuator", new Row(ADMINS, "/actuator"));
    }

    /** Spring's own error endpoint, reachable by everyone, and the actuator root mapping. */
    private static final Set<String> FRAMEWORK = Set.of("GET /error", "POST /error", "PUT /error", "DELETE /error",
            "PATCH /error", "HEAD /error", "OPTIONS /error");

    @Autowired
    MockMvc mvc;

    @Autowired
    org.maildrift.agents.AgentTokens tokens;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyMappedEndpointHasAPolicyRow() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    mapped.add("ANY " + pattern);
                }
                methods.forEach(m -> mapped.add(m.name() + " " + pattern));
            }
        }
        mapped.removeIf(e -> FRAMEWORK.contains(e) || e.endsWith(" /error"));
        assertThat(mapped).contains("GET /api/findings", "POST /checks", "GET /findings/{id}");
        assertThat(POLICY.keySet()).containsAll(mapped.stream().filter(e -> !e.startsWith("ANY")).toList());
        assertThat(mapped).as("endpoints mapped for every method need an explicit row").noneMatch(e -> e.startsWith("ANY"));
    }

    @Test
    void onlyTheAllowedMayUseEachEndpoint() throws Exception {
        List<String> wrong = new ArrayList<>();
        String agent = tokens.issue("mlserver").token();
        String otherAgent = tokens.issue("mailhub").token();
        for (Map.Entry<String, Row> e : POLICY.entrySet()) {
            HttpMethod method = HttpMethod.valueOf(e.getKey().substring(0, e.getKey().indexOf(' ')));
            for (Who who : Who.values()) {
                MockHttpServletRequestBuilder request;
                if (method == HttpMethod.POST) {
                    request = post(e.getValue().example()).with(csrf());
                } else if (method == HttpMethod.PUT && e.getKey().contains("/config/")) {
                    request = put(e.getValue().example()).with(csrf()).contentType("text/plain")
                            .content("myhostname = mx.example.com\n");
                } else if (method == HttpMethod.PUT) {
                    request = put(e.getValue().example()).with(csrf()).contentType("application/json")
                            .content("{\"password\":\"a-long-matrix-password\",\"role\":\"viewer\"}");
                } else if (method == HttpMethod.DELETE) {
                    request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                            .delete(e.getValue().example()).with(csrf());
                } else {
                    request = get(e.getValue().example());
                }
                request.accept("text/html", "application/json");
                if (who == Who.VIEWER) {
                    request.with(user("viewer").roles("VIEWER"));
                } else if (who == Who.ADMIN) {
                    request.with(user("admin").roles("ADMIN"));
                } else if (who == Who.AGENT) {
                    request.header("Authorization", "Bearer " + agent);
                } else if (who == Who.OTHER_AGENT) {
                    request.header("Authorization", "Bearer " + otherAgent);
                }
                MvcResult r = mvc.perform(request).andReturn();
                int code = r.getResponse().getStatus();
                String location = r.getResponse().getHeader("Location");
                boolean refused = code == 401 || code == 403 || (code == 302 && location != null
                        && location.endsWith("/login"));
                boolean allowed = e.getValue().allowed().contains(who);
                if (allowed == refused) {
                    wrong.add(e.getKey() + " as " + who + ": " + code + (location == null ? "" : " → " + location));
                }
                // a valid agent token outside its scope is authenticated: 403, never a login prompt
                if (!allowed && (who == Who.AGENT || who == Who.OTHER_AGENT) && !e.getKey().equals("GET /login")
                        && code != 403) {
                    wrong.add(e.getKey() + " as " + who + ": " + code + ", not 403");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void formsAreRefusedWithoutTheCsrfToken() throws Exception {
        mvc.perform(post("/checks").with(user("admin").roles("ADMIN"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/runs").with(user("admin").roles("ADMIN"))).andExpect(status().isForbidden());
        mvc.perform(post("/checks").with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(status().is3xxRedirection());
    }

    /** A header that authenticates nothing does not stand in for the CSRF token (issue 12). */
    @Test
    void anAuthorizationHeaderThatAuthenticatesNothingDoesNotSkipCsrf() throws Exception {
        mvc.perform(post("/checks").with(user("admin").roles("ADMIN")).header("Authorization", "Foo"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/runs").with(user("admin").roles("ADMIN")).header("Authorization", "Basic"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/alerts/silences").with(user("admin").roles("ADMIN")).header("Authorization", "Negotiate x"))
                .andExpect(status().isForbidden());
    }

    @Test
    void pagesCarrySecurityHeaders() throws Exception {
        mvc.perform(get("/").with(user("viewer").roles("VIEWER")))
                .andExpect(header().string("Content-Security-Policy", SecurityConfiguration.CSP))
                .andExpect(header().string("Referrer-Policy", "same-origin"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void browsersAreSentToTheLoginPageAndApiClientsGet401() throws Exception {
        mvc.perform(get("/findings").accept("text/html")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login")));
        mvc.perform(get("/api/findings").accept("application/json")).andExpect(status().isUnauthorized());
    }
}

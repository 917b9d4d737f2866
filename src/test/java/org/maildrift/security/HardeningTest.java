package org.maildrift.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.maildrift.testsupport.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The reproductions of the service's probe (issue 12, parts 2 to 4): password guessing, sessions for
 * anonymous clients, CSRF with a header that authenticates nothing, agent tokens out of scope, and the
 * user administration that could lock everyone out.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(MutableClock.Configuration.class)
@ExtendWith(OutputCaptureExtension.class)
class HardeningTest {

    private static final String PASSWORD = "guarded-login-phrase-9";

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry registry;

    @BeforeEach
    void users() {
        accounts.put("guarded", PASSWORD, Role.VIEWER, true);
    }

    private MvcResult basic(String password, String address) throws Exception {
        return mvc.perform(get("/api/rules").with(httpBasic("guarded", password)).with(remote(address))).andReturn();
    }

    private MvcResult form(String user, String password, String address) throws Exception {
        return mvc.perform(post("/login").param("username", user).param("password", password).with(csrf())
                .with(remote(address))).andReturn();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor remote(String address) {
        return (MockHttpServletRequest r) -> {
            r.setRemoteAddr(address);
            return r;
        };
    }

    @Test
    void tenWrongPasswordsFromOneAddressAreFollowedBy429OnBasicAndTheForm(CapturedOutput log) throws Exception {
        double before = registry.counter("maildrift.login.failures").count();
        for (int i = 0; i < 10; i++) {
            assertThat(basic("wrong-guess-" + i + "-xyz", "203.0.113.9").getResponse().getStatus()).isEqualTo(401);
        }
        MvcResult refused = basic(PASSWORD, "203.0.113.9");
        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        long retry = Long.parseLong(refused.getResponse().getHeader("Retry-After"));
        assertThat(retry).isBetween(1L, 900L);
        MvcResult formRefused = form("guarded", PASSWORD, "203.0.113.9");
        assertThat(formRefused.getResponse().getStatus()).isEqualTo(429);
        assertThat(formRefused.getResponse().getHeader("Retry-After")).isNotNull();
        // the owner, from another address, still gets in
        assertThat(basic(PASSWORD, "198.51.100.4").getResponse().getStatus()).isEqualTo(200);
        assertThat(form("guarded", PASSWORD, "198.51.100.4").getResponse().getHeader("Location")).endsWith("/");
        // every failure is logged with user and address, never the password, and counted
        assertThat(log.getOut()).contains("failed login for user 'guarded' from 203.0.113.9")
                .doesNotContain("wrong-guess-");
        assertThat(registry.counter("maildrift.login.failures").count() - before).isEqualTo(10);
        // after the window the pair may try again
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(basic(PASSWORD, "203.0.113.9").getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void wrongPasswordsThroughTheFormCountToo() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(form("guarded", "form-guess-" + i + "-abc", "203.0.113.77").getResponse().getHeader("Location"))
                    .endsWith("/login?error");
        }
        assertThat(form("guarded", PASSWORD, "203.0.113.77").getResponse().getStatus()).isEqualTo(429);
        assertThat(basic(PASSWORD, "203.0.113.77").getResponse().getStatus()).isEqualTo(429);
    }

    @Test
    void weakPasswordsAreRefused() throws Exception {
        for (String weak : new String[] {" ".repeat(12), "\0".repeat(12), "abc\tdefghijklm", "Password2024!",
            "qwertyuiop12", "123456789012", "aaaaaaaaaaaa", "abababababab", "guarded12345"}) {
            mvc.perform(put("/api/users/guarded").with(user("admin").roles("ADMIN")).with(csrf())
                    .contentType("application/json")
                    .content("{\"password\":" + tools.jackson.databind.json.JsonMapper.builder().build()
                            .writeValueAsString(weak) + "}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("password: ")));
        }
        assertThat(basic(PASSWORD, "192.0.2.50").getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void anonymousRequestsMakeNoSession() throws Exception {
        for (String path : new String[] {"/api/findings", "/findings", "/login", "/"}) {
            MvcResult r = mvc.perform(get(path).accept("text/html")).andReturn();
            assertThat(r.getRequest().getSession(false)).as(path).isNull();
        }
        MvcResult failed = form("guarded", "not-the-password-1", "192.0.2.60");
        assertThat(failed.getRequest().getSession(false)).isNull();
        MvcResult ok = form("guarded", PASSWORD, "192.0.2.61");
        assertThat(ok.getRequest().getSession(false)).isNotNull();
    }

    @Test
    void aUserHoldsAtMostEightSessionsAndANinthLoginEndsTheOldest() throws Exception {
        java.util.List<org.springframework.mock.web.MockHttpSession> sessions = new java.util.ArrayList<>();
        for (int i = 0; i <= SecurityConfiguration.SESSIONS_PER_USER; i++) {
            MvcResult r = form("guarded", PASSWORD, "192.0.2.70");
            assertThat(r.getResponse().getHeader("Location")).endsWith("/");
            sessions.add((org.springframework.mock.web.MockHttpSession) r.getRequest().getSession(false));
        }
        mvc.perform(get("/findings").session(sessions.get(0))).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/login?expired"));
        mvc.perform(get("/findings").session(sessions.get(SecurityConfiguration.SESSIONS_PER_USER)))
                .andExpect(status().isOk());
    }

    @Test
    void onlyHeaderCredentialsThatAuthenticateSkipCsrf() throws Exception {
        String silence = "{\"rule\":\"*\",\"host\":\"*\",\"subject\":\"*\",\"reason\":\"r\",\"endsAt\":\"2099-01-01T00:00:00Z\"}";
        mvc.perform(post("/api/silences").with(user("admin").roles("ADMIN")).header("Authorization", "Foo")
                .contentType("application/json").content(silence))
                .andExpect(status().isForbidden());
        // Basic credentials stand on their own: a wrong password is not covered by the session
        mvc.perform(post("/api/silences").with(user("admin").roles("ADMIN"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:wrong".getBytes()))
                .contentType("application/json").content(silence))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void theLastAdminCannotLockEveryoneOut() throws Exception {
        accounts.put("solo-admin", "solo-admin-phrase-42", Role.ADMIN, true);
        // demote every other admin the test context may hold
        for (String name : new String[] {"admin", "root-admin", "bench"}) {
            try {
                accounts.put(name, null, Role.VIEWER, null);
            } catch (RuntimeException ignored) {
                // not there
            }
        }
        mvc.perform(put("/api/users/solo-admin").with(httpBasic("solo-admin", "solo-admin-phrase-42"))
                .contentType("application/json").content("{\"role\":\"viewer\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("last enabled admin")));
        mvc.perform(put("/api/users/solo-admin").with(httpBasic("solo-admin", "solo-admin-phrase-42"))
                .contentType("application/json").content("{\"enabled\":false}"))
                .andExpect(status().isConflict());
        mvc.perform(delete("/api/users/solo-admin").with(httpBasic("solo-admin", "solo-admin-phrase-42")))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/rules").with(httpBasic("solo-admin", "solo-admin-phrase-42"))).andExpect(status().isOk());
    }

    @Test
    void usersAreDisabledAndDeleted() throws Exception {
        accounts.put("temp-user", "temporary-phrase-77", Role.VIEWER, true);
        mvc.perform(put("/api/users/temp-user").with(user("admin").roles("ADMIN")).with(csrf())
                .contentType("application/json").content("{\"enabled\":false}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/rules").with(httpBasic("temp-user", "temporary-phrase-77"))).andExpect(status().isUnauthorized());
        mvc.perform(put("/api/users/temp-user").with(user("admin").roles("ADMIN")).with(csrf())
                .contentType("application/json").content("{\"enabled\":true}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/rules").with(httpBasic("temp-user", "temporary-phrase-77"))).andExpect(status().isOk());
        mvc.perform(delete("/api/users/temp-user").with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(status().isNoContent());
        mvc.perform(delete("/api/users/temp-user").with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/rules").with(httpBasic("temp-user", "temporary-phrase-77"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/audit").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.subject == 'temp-user')].action").value(
                        org.hamcrest.Matchers.hasItems("user.created", "user.changed", "user.deleted")))
                .andExpect(jsonPath("$.items[?(@.subject == 'temp-user' && @.action == 'user.changed')].detail")
                        .value(org.hamcrest.Matchers.hasItems("disabled", "enabled")));
    }

    @Test
    void tokensAreListedWithoutSecretsAndChangesAreAudited() throws Exception {
        String body = mvc.perform(post("/api/hosts/mlserver/tokens").with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String token = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).get("token").asString();
        String listing = mvc.perform(get("/api/hosts/mlserver/tokens").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].host").value("mlserver"))
                .andReturn().getResponse().getContentAsString();
        assertThat(listing).doesNotContain(token).doesNotContain(token.substring(4, 20)).doesNotContain("hash");
        mvc.perform(get("/api/hosts/mlserver/tokens").with(user("viewer").roles("VIEWER"))).andExpect(status().isForbidden());
        mvc.perform(get("/audit").with(user("admin").roles("ADMIN"))).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("token.issued")));
    }

    @Test
    void anAgentTokenOutsideItsScopeIs403() throws Exception {
        String body = mvc.perform(post("/api/hosts/mlserver/tokens").with(user("admin").roles("ADMIN")).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        String token = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).get("token").asString();
        mvc.perform(get("/api/findings").header("Authorization", "Bearer " + token))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist("WWW-Authenticate"));
        mvc.perform(put("/api/hosts/mailhub/config/main.cf").header("Authorization", "Bearer " + token)
                .contentType("text/plain").content("myhostname = x.example.com\n"))
                .andExpect(status().isForbidden());
    }
}

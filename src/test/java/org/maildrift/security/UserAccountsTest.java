package org.maildrift.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class UserAccountsTest {

    @Autowired
    UserAccounts accounts;

    @Autowired
    UserRepository users;

    @Autowired
    MockMvc mvc;

    @Test
    void firstStartCreatesOneAdminWithARandomPasswordOnce() throws Exception {
        users.deleteAll();
        Optional<String> first = accounts.createFirstAdminIfNone();
        assertThat(first).isPresent();
        assertThat(first.get()).hasSizeGreaterThanOrEqualTo(24);
        assertThat(accounts.createFirstAdminIfNone()).isEmpty();
        assertThat(users.findByUsername("admin").orElseThrow().passwordHash).doesNotContain(first.get())
                .startsWith("{bcrypt}");
        mvc.perform(get("/api/rules").with(httpBasic("admin", first.get()))).andExpect(status().isOk());
        mvc.perform(get("/api/rules").with(httpBasic("admin", "wrong-password-1"))).andExpect(status().isUnauthorized());
        // an API client that sends its own Authorization header needs no CSRF token
        mvc.perform(post("/api/runs").with(httpBasic("admin", first.get()))).andExpect(status().isAccepted());
    }

    @Test
    void aViewerReadsButCannotStartAChecks() throws Exception {
        accounts.save("vera", "a-long-viewer-password", Role.VIEWER);
        mvc.perform(get("/api/findings").with(httpBasic("vera", "a-long-viewer-password"))).andExpect(status().isOk());
        mvc.perform(post("/api/runs").with(httpBasic("vera", "a-long-viewer-password")))
                .andExpect(status().isForbidden());
    }

    @Test
    void adminsAddUsersThroughTheApi() throws Exception {
        accounts.save("root-admin", "a-long-admin-password", Role.ADMIN);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/users/bob")
                .with(httpBasic("root-admin", "a-long-admin-password")).contentType("application/json")
                .content("{\"password\":\"bobs-long-password\",\"role\":\"viewer\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/rules").with(httpBasic("bob", "bobs-long-password"))).andExpect(status().isOk());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/users/bob")
                .with(httpBasic("root-admin", "a-long-admin-password")).contentType("application/json")
                .content("{\"password\":\"short\",\"role\":\"viewer\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void refusesShortPasswords() {
        assertThatThrownBy(() -> accounts.save("x", "short", Role.ADMIN)).hasMessageContaining("12 characters");
    }
}

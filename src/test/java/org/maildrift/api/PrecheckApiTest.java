package org.maildrift.api;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** {@code POST /api/prechecks} on the demo estate: the CLI's JSON shape, and problem details for bad change sets. */
@SpringBootTest
@AutoConfigureMockMvc
class PrecheckApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aRenameAsJsonAnswersWithWhatItIntroducesAndTheFix() throws Exception {
        mvc.perform(post("/api/prechecks").with(user("viewer").roles("VIEWER")).with(csrf())
                .contentType("application/json")
                .content("{\"changes\": [{\"rename-host\": {\"from\": \"newserver01.example.com\","
                        + " \"to\": \"lists.example.com\"}}]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.introduced[?(@.rule == 'canonical-name-not-accepted')].subject")
                        .value(org.hamcrest.Matchers.hasItem("lists.example.com")))
                .andExpect(jsonPath("$.resolved[?(@.rule == 'canonical-name-not-accepted')].subject")
                        .value(org.hamcrest.Matchers.hasItem("newserver01.example.com")))
                .andExpect(jsonPath("$.chains[0].name").value("ml.example.com"))
                .andExpect(jsonPath("$.suggestions[0].yaml")
                        .value("accept-name: {host: mlserver, name: lists.example.com}"))
                .andExpect(jsonPath("$.verdict.clean").isBoolean());
    }

    @Test
    void yamlBodiesAreTakenToo() throws Exception {
        mvc.perform(post("/api/prechecks").with(user("admin").roles("ADMIN")).with(csrf()).contentType("application/yaml")
                .content("- accept-name: {host: mlserver, name: newserver01.example.com}\n"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.resolved[0].rule").value("canonical-name-not-accepted"))
                .andExpect(jsonPath("$.introduced").isEmpty());
    }

    @Test
    void aBadChangeSetIsAProblemNamingTheField() throws Exception {
        mvc.perform(post("/api/prechecks").with(user("viewer").roles("VIEWER")).with(csrf())
                .contentType("application/json").content("{\"changes\": [{\"set-cname\": {\"name\": \"ml.example.com\"}}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid change set"))
                .andExpect(jsonPath("$.field").value("set-cname.target"))
                .andExpect(jsonPath("$.detail").value("request body:1: set-cname.target: missing"));
    }

    @Test
    void aRequestMayNotMakeTheServiceReadItsOwnFiles() throws Exception {
        mvc.perform(post("/api/prechecks").with(user("viewer").roles("VIEWER")).with(csrf())
                .contentType("application/json")
                .content("{\"changes\": [{\"proposed-config\": {\"host\": \"mlserver\", \"file\": \"/etc/shadow\"}}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("proposed-config.file"));
    }

    @Test
    void aProposedZoneAsTextWithItsOrigin() throws Exception {
        String zone = new String(java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("config-samples/demo/zones/example.com.zone")), java.nio.charset.StandardCharsets.UTF_8)
                + "SERVER01    IN A    192.0.2.20\n";
        String body = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(java.util.Map.of(
                "changes", java.util.List.of(java.util.Map.of("proposed-zone",
                        java.util.Map.of("text", zone, "origin", "example.com")))));
        mvc.perform(post("/api/prechecks").with(user("viewer").roles("VIEWER")).with(csrf())
                .contentType("application/json").content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.resolved[?(@.rule == 'accepted-name-stale')].subject")
                        .value(org.hamcrest.Matchers.hasItem("server01.example.com")))
                .andExpect(jsonPath("$.introduced").isEmpty());
        mvc.perform(post("/api/prechecks").with(user("viewer").roles("VIEWER")).with(csrf())
                .contentType("application/json").content("{\"changes\": [{\"proposed-zone\": {\"text\": \"x\"}}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("proposed-zone.origin"));
        mvc.perform(post("/api/prechecks").with(user("viewer").roles("VIEWER")).with(csrf())
                .contentType("application/json").content("{\"changes\": [{\"proposed-zone\": {\"origin\": \"example.com\","
                        + " \"text\": \"$INCLUDE /etc/passwd\\n\"}}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("$INCLUDE is not allowed")));
        mvc.perform(post("/api/prechecks").with(user("viewer").roles("VIEWER")).with(csrf())
                .contentType("application/json").content("{\"changes\": [{\"proposed-zone\": {\"origin\": \"../../x\","
                        + " \"text\": \"x\"}}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("proposed-zone.origin"));
        mvc.perform(post("/api/prechecks").with(user("viewer").roles("VIEWER")).with(csrf())
                .contentType("application/json").content("{\"changes\": [{\"proposed-zone\": {\"origin\": \"example.com\","
                        + " \"text\": \"@ IN SOA ns1 hostmaster 1 2 3 4 5\\nml IN CNAME\\n\"}}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(
                        "request body:1: proposed-zone.text: zone example.com:")));
    }

    @Test
    void aProposedConfigAsText() throws Exception {
        mvc.perform(post("/api/prechecks").with(user("viewer").roles("VIEWER")).with(csrf())
                .contentType("application/json")
                .content("{\"changes\": [{\"proposed-config\": {\"host\": \"mlserver\", \"text\":"
                        + " \"myhostname = newserver01.example.com\\nmydestination = $myhostname, ml.example.com\\n\"}}]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.resolved.length()").value(4));
    }

    /** The reproductions of the include hole: the service's environment and files never reach the answer. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "\"$INCLUDE\" /proc/self/environ",
        "( $INCLUDE /etc/passwd )",
        "\"$INCLUDE\" \"/proc/self/environ\"",
        "\"$INCLUDE\" /dev/zero"})
    void aProposedZoneCannotIncludeTheServersFiles(String directive) throws Exception {
        String body = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(java.util.Map.of(
                "changes", java.util.List.of(java.util.Map.of("proposed-zone",
                        java.util.Map.of("origin", "example.com", "text", directive)))));
        String answer = mvc.perform(post("/api/prechecks").with(user("viewer").roles("VIEWER")).with(csrf())
                .contentType("application/json").content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("proposed-zone.text"))
                .andExpect(jsonPath("$.detail").value("request body:1: proposed-zone.text: zone example.com:1:"
                        + " $INCLUDE is not allowed in a zone sent as text; send the whole zone"))
                .andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat(answer).doesNotContain("PATH=").doesNotContain("root:");
    }
}

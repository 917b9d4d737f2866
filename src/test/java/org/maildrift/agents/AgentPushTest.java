package org.maildrift.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.maildrift.collect.EvidenceCollector;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.Inventory;
import org.maildrift.inventory.InventoryLoader;
import org.maildrift.rules.Evidence;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@SpringBootTest(properties = "maildrift.agents.store=target/agent-push-test")
@AutoConfigureMockMvc
class AgentPushTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AgentTokens tokens;

    @Autowired
    PushedConfigs store;

    private static MockHttpServletRequestBuilder push(String host, String kind, String token, byte[] body) {
        return put("/api/hosts/" + host + "/config/" + kind).header("Authorization", "Bearer " + token)
                .contentType("text/plain").content(body);
    }

    @Test
    void anAgentPushesOnlyItsOwnHostsConfiguration() throws Exception {
        String ml = tokens.issue("mlserver").token();
        String hub = tokens.issue("mailhub").token();
        byte[] conf = "myhostname = newserver01.example.com\nmydestination = $myhostname, ml.example.com\n".getBytes();
        mvc.perform(push("mlserver", "postconf-n", ml, conf)).andExpect(status().isNoContent());
        assertThat(store.latest("mlserver")).get().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(conf));
        mvc.perform(push("mlserver", "postconf-n", hub, conf)).andExpect(status().isForbidden());
        mvc.perform(push("mlserver", "postconf-n", "mdt_not-a-token", conf)).andExpect(status().isUnauthorized());
        // no token at all: refused (a request without an Authorization header must also carry a CSRF token)
        mvc.perform(put("/api/hosts/mlserver/config/postconf-n").contentType("text/plain").content(conf))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/hosts/mlserver/config/postconf-n").with(csrf()).contentType("text/plain").content(conf))
                .andExpect(status().isUnauthorized());
        // an admin is not an agent
        mvc.perform(put("/api/hosts/mlserver/config/postconf-n").with(user("a").roles("ADMIN")).with(csrf())
                .contentType("text/plain").content(conf)).andExpect(status().isForbidden());
        // a token opens nothing else
        mvc.perform(get("/api/findings").header("Authorization", "Bearer " + ml)).andExpect(status().isForbidden());
    }

    @Test
    void refusesUnknownKindsOversizedAndEmptyBodies() throws Exception {
        String ml = tokens.issue("mlserver").token();
        mvc.perform(push("mlserver", "master.cf", ml, "x".getBytes())).andExpect(status().isBadRequest());
        mvc.perform(push("mlserver", "main.cf", ml, new byte[1024 * 1024 + 1])).andExpect(status().isPayloadTooLarge());
        mvc.perform(push("mlserver", "main.cf", ml, new byte[0])).andExpect(status().isBadRequest());
    }

    @Test
    void adminsIssueAndRevokeTokensAndARevokedTokenStopsWorking() throws Exception {
        String body = mvc.perform(post("/api/hosts/mlserver/tokens").with(user("a").roles("ADMIN")).with(csrf()))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String token = body.replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
        long id = Long.parseLong(body.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
        assertThat(token).startsWith("mdt_").hasSizeGreaterThan(40);
        mvc.perform(push("mlserver", "main.cf", token, "myhostname = a.example.com\n".getBytes()))
                .andExpect(status().isNoContent());
        mvc.perform(delete("/api/hosts/mlserver/tokens/" + id).with(user("a").roles("ADMIN")).with(csrf()))
                .andExpect(status().isNoContent());
        mvc.perform(push("mlserver", "main.cf", token, "myhostname = a.example.com\n".getBytes()))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/hosts/nosuchhost/tokens").with(user("a").roles("ADMIN")).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/hosts/mlserver/tokens").with(user("v").roles("VIEWER")).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void aHostWithConfigAgentIsCheckedAgainstWhatItsAgentPushed() throws Exception {
        Inventory inventory = InventoryLoader.load(demoWithAgentListServer());
        assertThat(inventory.host("mlserver").orElseThrow().pushedByAgent()).isTrue();
        try (EvidenceCollector before = new EvidenceCollector(inventory, ResolverDnsObserver.Settings.DEFAULTS,
                h -> java.util.Optional.empty())) {
            Evidence.HostConfig ml = before.readHosts().get(1);
            assertThat(ml.names().errors()).singleElement().satisfies(e ->
                    assertThat(e.message()).contains("no configuration pushed by the host's agent yet"));
        }
        String token = tokens.issue("mlserver").token();
        mvc.perform(push("mlserver", "postconf-n", token, ("myhostname = NEWSERVER01.example.com\n"
                + "mydestination = $myhostname, ML.example.com\n").getBytes())).andExpect(status().isNoContent());
        try (EvidenceCollector after = new EvidenceCollector(inventory, ResolverDnsObserver.Settings.DEFAULTS,
                store::latest)) {
            Evidence.HostConfig ml = after.readHosts().get(1);
            assertThat(ml.configLabel()).isEqualTo("agent:mlserver (postconf-n)");
            assertThat(ml.names().accepts("newserver01.example.com").verdict())
                    .isEqualTo(org.maildrift.mta.model.Verdict.YES);
        }
    }

    /** curl's --data-binary sends a form content type: the body is the configuration all the same (issue 12). */
    @Test
    void aPushIsTakenWhateverItsContentType() throws Exception {
        String token = tokens.issue("mlserver").token();
        byte[] conf = "myhostname = a.example.com\nmydestination = $myhostname\n".getBytes();
        for (String type : new String[] {"application/x-www-form-urlencoded", "application/octet-stream", null}) {
            var request = put("/api/hosts/mlserver/config/postconf-n").header("Authorization", "Bearer " + token)
                    .content(conf);
            if (type != null) {
                request.contentType(type);
            }
            mvc.perform(request).andExpect(status().isNoContent());
            assertThat(store.latest("mlserver")).get().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(conf));
        }
    }

    /** Bytes that are not UTF-8 are config-invalid with their offset, never names made of U+FFFD. */
    @Test
    void aPushThatIsNotUtf8IsReportedWithItsByteOffset() throws Exception {
        String token = tokens.issue("mlserver").token();
        byte[] conf = {'m', 'y', 'h', 'o', 's', 't', 'n', 'a', 'm', 'e', ' ', '=', ' ', 'a', (byte) 0xe9, '.', 'x', '\n'};
        mvc.perform(push("mlserver", "postconf-n", token, conf)).andExpect(status().isNoContent());
        try (EvidenceCollector c = new EvidenceCollector(InventoryLoader.load(demoWithAgentListServer()),
                ResolverDnsObserver.Settings.DEFAULTS, store::latest)) {
            Evidence.HostConfig ml = c.readHosts().get(1);
            assertThat(ml.names().errors()).singleElement().satisfies(e ->
                    assertThat(e.message()).contains("not valid UTF-8 at byte offset 14 (line 1)"));
            assertThat(ml.names().accepted()).noneMatch(a -> a.name().contains("\uFFFD"));
        }
    }

    /** The demo estate, with the list server's configuration coming from its agent. */
    private static Path demoWithAgentListServer() {
        Path inventory = org.maildrift.testsupport.DemoEstate.copy("agent-inventory").resolve("inventory.yml");
        org.maildrift.testsupport.DemoEstate.edit(inventory, "config: mlserver/main.cf", "config: agent");
        return inventory;
    }
}

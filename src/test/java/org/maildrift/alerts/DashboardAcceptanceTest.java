package org.maildrift.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.maildrift.accept.AcceptedDeviations;
import org.maildrift.accept.AcceptedLoader;
import org.maildrift.audit.AuditTrail;
import org.maildrift.checks.CheckRunner;
import org.maildrift.checks.EstateView;
import org.maildrift.checks.FindingQueries;
import org.maildrift.checks.FindingState;
import org.maildrift.checks.LedgerEntry;
import org.maildrift.rules.Scenario;
import org.maildrift.rules.catalog.RuleCatalog;
import org.maildrift.testsupport.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Accepting a finding on the dashboard, end to end on a clock the test moves: the admin accepts the open finding
 * from its page and becomes its owner; it is shown as accepted at once and not alerted; the list, the export (which
 * the file's reader takes back as it is) and the audit trail show it; the file's entry wins where both match; the
 * day after it expires, and after a removal, the finding alerts as new; an acceptance that matches nothing for 30
 * days is reported as stale.
 */
@SpringBootTest(properties = {"maildrift.checks.interval=1h", "maildrift.checks.confirmations=1",
    "maildrift.alerts.to=ops@example.com", "maildrift.alerts.from=maildrift@example.com",
    "maildrift.alerts.relay-poll=0"})
@AutoConfigureMockMvc
@org.springframework.context.annotation.Import(MutableClock.Configuration.class)
class DashboardAcceptanceTest {

    static final Path ESTATE = estate();
    static final int SMTP_PORT = org.maildrift.testsupport.LoopbackSmtp.freePort();
    static final GreenMail SMTP = org.maildrift.testsupport.LoopbackSmtp.start(SMTP_PORT);
    static final String RULE = "spf-excludes-egress-address";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("maildrift.checks.inventory", () -> ESTATE.resolve("inventory.yml").toString());
        r.add("spring.mail.host", () -> "127.0.0.1");
        r.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    CheckRunner runner;
    @Autowired
    FindingQueries queries;
    @Autowired
    OutboxRelay relay;
    @Autowired
    MutableClock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    AuditTrail audit;

    static Path estate() {
        try {
            Path dir = Files.createTempDirectory("maildrift-dashboard-accept").toAbsolutePath();
            Scenario.load(RULE, "drifting").materialize(dir);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    private List<AlertMail> mails() {
        return Arrays.stream(SMTP.getReceivedMessages()).map(AlertMail::of).toList();
    }

    /** A check and the delivery of what it alerted, ten minutes after the last (alerts to one address are spaced). */
    private void check() {
        clock.advance(Duration.ofMinutes(10));
        runner.runNow("test").orElseThrow();
        clock.advance(Duration.ofSeconds(30));
        relay.deliverDue();
    }

    private LedgerEntry spf() {
        return findings(RULE).get(0);
    }

    private List<LedgerEntry> findings(String rule) {
        return queries.findings(new FindingQueries.Filter(java.util.EnumSet.allOf(FindingState.class), null, rule,
                null), PageRequest.of(0, 10)).getContent();
    }

    private String page(String path) throws Exception {
        return page(path, "VIEWER");
    }

    private String page(String path, String role) throws Exception {
        return mvc.perform(get(path).with(user(role.toLowerCase(java.util.Locale.ROOT)).roles(role))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
    }

    private List<String> audited(String action) {
        return audit.recent(PageRequest.of(0, 100)).getContent().stream().filter(e -> e.action().equals(action))
                .map(e -> e.actor() + " " + e.subject() + " " + e.detail()).toList();
    }

    @Test
    void anAdminAcceptsAFindingFromItsPageAndItAlertsAsNewWhenTheAcceptanceEnds() throws Exception {
        clock.set(MutableClock.START); // 2026-11-02
        check();
        assertThat(mails()).as("the finding is told").hasSize(1);
        long id = spf().id();
        assertThat(page("/findings/" + id, "ADMIN")).contains("id=\"accept\"").doesNotContain("id=\"accepted\"");
        assertThat(page("/findings/" + id)).as("a viewer gets no form").doesNotContain("id=\"accept\"");

        // a viewer may not accept; the admin does, and owns it
        mvc.perform(post("/findings/" + id + "/accept").with(user("viewer").roles("VIEWER")).with(csrf())
                .param("reason", "x").param("expires", "2026-11-20")).andExpect(status().isForbidden());
        mvc.perform(post("/findings/" + id + "/accept").with(user("alice").roles("ADMIN")).with(csrf())
                .param("subject", "example.com").param("reason", "SPF change #4711: in review")
                .param("expires", "2026-11-20")).andExpect(status().is3xxRedirection());
        assertThat(spf().acceptedBy()).as("shown as accepted at once")
                .isEqualTo("acceptance #1: SPF change #4711: in review (alice, until 2026-11-20)");
        assertThat(audited("acceptance.created")).singleElement().asString().startsWith("alice acceptance #1 rule "
                + RULE + ", host lists, subject example.com, until 2026-11-20");
        assertThat(page("/findings/" + id, "ADMIN")).contains("id=\"accepted\"", "acceptance #1: SPF change #4711: in review")
                .doesNotContain("id=\"accept\"");

        // the next check keeps it accepted and tells nobody (not even that it is "resolved")
        check();
        assertThat(spf().state()).isEqualTo(FindingState.OPEN);
        assertThat(spf().acceptedBy()).startsWith("acceptance #1:");
        assertThat(mails()).hasSize(1);
        assertThat(page("/acceptances")).contains("id=\"a-1\"", "SPF change #4711: in review", "alice", "2026-11-20",
                "1 open");

        // the export is the file's format: the file's own reader takes it back unchanged
        String yaml = mvc.perform(get("/acceptances/export.yml").with(user("viewer").roles("VIEWER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Set<String> rules = RuleCatalog.definitions().stream().map(d -> d.id()).collect(Collectors.toSet());
        Set<String> hosts = runner.estate().orElseThrow().hosts().stream().map(EstateView.HostView::id)
                .collect(Collectors.toSet());
        AcceptedDeviations exported = AcceptedLoader.parse("export.yml", yaml, rules, hosts);
        assertThat(exported.entries()).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo(RULE);
            assertThat(e.host()).isEqualTo("lists");
            assertThat(e.subject()).isEqualTo("example.com");
            assertThat(e.reason()).isEqualTo("SPF change #4711: in review");
            assertThat(e.owner()).isEqualTo("alice");
            assertThat(e.expires()).hasToString("2026-11-20");
        });

        // the file and the dashboard both accept it: the file wins, and both pages say so
        Path file = ESTATE.resolve(AcceptedLoader.FILE_NAME);
        Files.writeString(file, """
                accepted:
                  - rule: spf-excludes-egress-address
                    host: lists
                    reason: the SPF record is the ISP's
                    owner: hostmaster@example.com
                    expires: 2026-12-31
                """);
        check();
        assertThat(spf().acceptedBy()).startsWith("maildrift-accepted.yml:2: the SPF record is the ISP's");
        assertThat(page("/acceptances")).contains("the file wins: maildrift-accepted.yml:2 accepts it first",
                "the SPF record is the ISP&#39;s");
        assertThat(page("/findings/" + id)).contains("id=\"file-wins\"", "Also accepted on the dashboard (acceptance"
                + " #1); the file&#39;s entry wins.");
        Files.delete(file);
        check();
        assertThat(spf().acceptedBy()).startsWith("acceptance #1:");
        assertThat(mails()).hasSize(1);

        // the day after it expires, the finding is alerted as new, and the list says expired
        clock.set(Instant.parse("2026-11-21T08:00:00Z"));
        check();
        assertThat(spf().acceptedBy()).isNull();
        assertThat(mails()).hasSize(2);
        assertThat(mails().get(1).subject()).contains("1 new");
        assertThat(mails().get(1).text()).contains(RULE).doesNotContain(AcceptedDeviations.EXPIRED);
        assertThat(page("/acceptances")).contains(">expired<");

        // accepted again over REST, then removed: alerted as new again, and the removal is audited
        String location = mvc.perform(post("/api/acceptances").with(user("bob").roles("ADMIN")).with(csrf())
                .contentType("application/json").content("{\"rule\": \"" + RULE + "\", \"host\": \"lists\","
                        + " \"subject\": \"*.com\", \"reason\": \"until the ISP answers\", \"expires\": \"2027-03-01\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.owner").value("bob"))
                .andReturn().getResponse().getHeader("Location");
        check();
        assertThat(spf().acceptedBy()).startsWith("acceptance #2: until the ISP answers (bob, until 2027-03-01)");
        assertThat(mails()).hasSize(2);
        mvc.perform(delete(location).with(user("carol").roles("ADMIN")).with(csrf())).andExpect(status().isOk())
                .andExpect(jsonPath("$.removedBy").value("carol"));
        assertThat(spf().acceptedBy()).as("no longer shown as accepted").isNull();
        assertThat(audited("acceptance.removed")).singleElement().asString().startsWith("carol acceptance #2");
        check();
        assertThat(mails()).hasSize(3);
        assertThat(mails().get(2).text()).contains(RULE);
        assertThat(page("/acceptances")).contains("removed by carol");

        // an acceptance that matches nothing: quiet for 30 days, then a stale notice naming it
        mvc.perform(post("/api/acceptances").with(user("alice").roles("ADMIN")).with(csrf())
                .contentType("application/json").content("{\"rule\": \"reverse-dns-mismatch\", \"host\": \"lists\","
                        + " \"reason\": \"the PTR is the ISP's\", \"expires\": \"2027-06-01\"}"))
                .andExpect(status().isCreated());
        check();
        assertThat(findings(AcceptedDeviations.STALE)).isEmpty();
        clock.advance(Duration.ofDays(29));
        check();
        assertThat(findings(AcceptedDeviations.STALE)).isEmpty();
        clock.advance(Duration.ofDays(2));
        check();
        assertThat(findings(AcceptedDeviations.STALE)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo("notice");
            assertThat(f.subject()).isEqualTo("acceptance #3");
            assertThat(f.message()).isEqualTo("the acceptance of reverse-dns-mismatch on lists has matched nothing"
                    + " since 2026-11-21");
            assertThat(f.fix()).contains("remove acceptance #3 on the acceptances page");
        });
    }

    @Test
    void aRequestThatCannotBeTakenIsAProblemNamingTheField() throws Exception {
        String body = "{\"rule\": \"%s\", \"host\": \"lists\", \"reason\": %s, \"expires\": \"%s\"}";
        String today = clock.instant().toString().substring(0, 10);
        String far = java.time.LocalDate.parse(today).plusDays(366).toString();
        for (String[] c : new String[][] {{RULE, "\"x\"", far, "expires"}, {RULE, "null", "2026-12-01", "reason"},
                {"no-such-rule", "\"x\"", "2026-12-01", "rule"}, {RULE, "\"x\"", "2020-01-01", "expires"},
                {RULE, "\"a\\u0007b\"", "2026-12-01", "reason"}}) {
            mvc.perform(post("/api/acceptances").with(user("admin").roles("ADMIN")).with(csrf())
                    .contentType("application/json").content(body.formatted(c[0], c[1], c[2])))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value(c[3]));
        }
        mvc.perform(delete("/api/acceptances/424242").with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(status().isNotFound());
    }
}

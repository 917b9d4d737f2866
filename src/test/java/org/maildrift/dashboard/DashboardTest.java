package org.maildrift.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.maildrift.checks.CheckRunner;
import org.maildrift.checks.FindingLedger;
import org.maildrift.checks.FindingQueries;
import org.maildrift.checks.FindingState;
import org.maildrift.checks.LedgerEntry;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Severity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/** The pages over the demo estate, checked twice so that its drift is confirmed. */
@SpringBootTest
@AutoConfigureMockMvc
@DirtiesContext
class DashboardTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    CheckRunner runner;

    @Autowired
    FindingLedger ledger;

    @Autowired
    FindingQueries queries;

    private String page(String path, String role) throws Exception {
        return mvc.perform(get(path).with(user(role.toLowerCase()).roles(role))).andReturn().getResponse()
                .getContentAsString();
    }

    private LedgerEntry canonical() {
        return queries.findings(new FindingQueries.Filter(EnumSet.of(FindingState.OPEN), null,
                "canonical-name-not-accepted", null), PageRequest.of(0, 5)).getContent().get(0);
    }

    private void twoChecks() {
        assertThat(runner.runNow("test")).isPresent();
        assertThat(runner.runNow("test")).isPresent();
    }

    @Test
    void overviewShowsTheDemosCriticalFindingAndOnlyAdminsMayCheckNow() throws Exception {
        twoChecks();
        String viewer = page("/", "VIEWER");
        assertThat(viewer).contains("canonical-name-not-accepted").contains("newserver01.example.com")
                .contains("mlserver").doesNotContain("Check now");
        assertThat(page("/", "ADMIN")).contains("id=\"check-now\"");
    }

    @Test
    void findingPageDrawsTheEvidenceChainAndTheFix() throws Exception {
        twoChecks();
        String html = page("/findings/" + canonical().id(), "VIEWER");
        assertThat(html).contains("ml.example.com CNAME newserver01.example.com")
                .contains("newserver01.example.com A 192.0.2.20 = host mlserver (no MX: implicit MX)")
                .contains("class=\"alias\"").contains("class=\"host\"").contains("class=\"accepted\"")
                .contains("class=\"rejected\"")
                .contains("add newserver01.example.com to mydestination in mlserver/main.cf line 4")
                .contains("/rules/canonical-name-not-accepted");
    }

    @Test
    void otherPagesShowTheEstateRunsRulesAndInventory() throws Exception {
        twoChecks();
        assertThat(page("/hosts", "VIEWER")).contains("id=\"host-mlserver\"").contains("<td>ml.example.com</td>")
                .contains("mydestination (mlserver/main.cf:4)").contains("ml.example.com")
                // the Exim relay, with the list, the macro and the lines its names come from
                .contains("id=\"host-relay\"").contains("exim")
                .contains("domainlist relay_to_domains (relay/exim4.conf:6) → RELAY_DOMAINS (macro) (relay/exim4.conf:4)")
                // the hub's TLS: both keys, the TLSA of its MX with the key each record matches, and the policy
                .contains("class=\"tls-keys\"").contains("RSA 2048").contains("ECDSA 256")
                .contains("_25._tcp.mailhub.example.com")
                .contains("3 1 1 f8022950a4f64a9e88ce2fb3cc2c95329a689ca05f7b721c6c99d431a5ca9611: matches RSA 2048 of "
                        + "/etc/ssl/certs/mailhub-rsa.pem")
                .contains("unvalidated, authoritative from zone files")
                .contains("mode testing, id 2026120201, max_age 604800 s, mx mailhub.example.com covers it");
        assertThat(page("/runs", "VIEWER")).contains("test").contains("completed");
        long last = queries.lastRun().orElseThrow().id();
        assertThat(page("/runs/" + last, "VIEWER")).contains("Compared with the run before")
                .contains("0 finding(s) appeared, 0 disappeared");
        assertThat(page("/rules", "VIEWER")).contains("reverse-dns-mismatch");
        assertThat(page("/rules/canonical-name-not-accepted", "VIEWER")).contains("Why it matters")
                .contains("newlists.example.com");
        assertThat(page("/inventory", "VIEWER")).contains("config-samples/demo/inventory.yml").contains("mlserver/main.cf");
        assertThat(page("/findings?severity=warning", "VIEWER")).contains("accepted-name-stale")
                .doesNotContain("<td>canonical-name-not-accepted</td>").contains("<td>accepted-name-stale</td>");
    }

    @Test
    void prometheusShowsOpenFindingsRunsAndLookups() throws Exception {
        twoChecks();
        String metrics = page("/actuator/prometheus", "ADMIN");
        assertThat(metrics).contains("maildrift_findings_open{severity=\"critical\"} 1.0")
                .contains("maildrift_findings_open{severity=\"warning\"} 2.0")
                .contains("maildrift_findings_open_rule{rule=\"canonical-name-not-accepted\"} 1.0")
                .contains("maildrift_check_duration_seconds_count{status=\"completed\"}")
                .contains("maildrift_dns_lookups_total{outcome=\"answer\"}")
                .contains("maildrift_check_last_success_seconds");
    }

    @Test
    void valuesFromDnsAndConfigsAreEscaped() throws Exception {
        Finding hostile = new Finding("pattern-never-matches", Severity.NOTICE, "mlserver",
                "<script>alert(1)</script>", "a <b>bold</b> message", List.of("<img src=x onerror=alert(1)>"),
                "remove \"<script>\"", null, List.of("zone-files"));
        for (int i = 0; i < 2; i++) {
            ledger.record(new FindingLedger.Outcome(Instant.now(), "test", "x", new CheckReport(List.of(hostile),
                    List.of()), 0), 2);
        }
        LedgerEntry e = queries.findings(new FindingQueries.Filter(EnumSet.of(FindingState.OPEN), null,
                "pattern-never-matches", null), PageRequest.of(0, 5)).getContent().get(0);
        String html = page("/findings/" + e.id(), "VIEWER") + page("/findings", "VIEWER");
        assertThat(html).doesNotContain("<script>alert(1)</script>").doesNotContain("<img src=x")
                .doesNotContain("<b>bold</b>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
}

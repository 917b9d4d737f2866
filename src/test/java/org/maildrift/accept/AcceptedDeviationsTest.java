package org.maildrift.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.Severity;

class AcceptedDeviationsTest {

    private static final Set<String> RULES = Set.of("reverse-dns-mismatch", "dkim-testing-mode", "spf-record-broken",
            "hostname-not-forward-confirmed");
    private static final Set<String> HOSTS = Set.of("lists", "apps");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    private static Finding finding(String rule, Severity s, String host, String subject) {
        return new Finding(rule, s, host, subject, "m", List.of("e"), "f", null, List.of("zone-files"));
    }

    private static AcceptedDeviations load(String yaml) throws Exception {
        return AcceptedLoader.parse("maildrift-accepted.yml", yaml, RULES, HOSTS);
    }

    @Test
    void suppressesReGradesAndTurnsRulesOffAsTheFileSays() throws Exception {
        AcceptedDeviations a = load("""
                rules:
                  hostname-not-forward-confirmed: {severity: notice, hosts: [apps], reason: behind the NAT}
                  spf-record-broken: off
                accepted:
                  - rule: reverse-dns-mismatch
                    host: lists
                    subject: "*.2.0.192.IN-ADDR.arpa"
                    reason: the ISP's
                    owner: hostmaster@example.com
                    expires: 2027-06-30
                  - {rule: dkim-testing-mode, severity: info, reason: rolling out, owner: me, expires: 2026-12-31}
                """);
        CheckReport report = new CheckReport(List.of(
                finding("reverse-dns-mismatch", Severity.WARNING, "lists", "20.2.0.192.in-addr.arpa"),
                finding("reverse-dns-mismatch", Severity.WARNING, "apps", "30.2.0.192.in-addr.arpa"),
                finding("hostname-not-forward-confirmed", Severity.WARNING, "apps", "apps.example.com"),
                finding("hostname-not-forward-confirmed", Severity.WARNING, "lists", "lists.example.com"),
                finding("dkim-testing-mode", Severity.NOTICE, "lists", "s._domainkey.example.com"),
                finding("spf-record-broken", Severity.CRITICAL, null, "example.com")), List.of());
        AcceptedDeviations.Applied applied = a.apply(report, TODAY);
        assertThat(applied.report().findings()).extracting(f -> f.rule() + " " + f.host() + " " + f.severity().label())
                .containsExactly("hostname-not-forward-confirmed lists warning", "reverse-dns-mismatch apps warning",
                        "hostname-not-forward-confirmed apps notice", "dkim-testing-mode lists info");
        assertThat(applied.suppressed()).extracting(s -> s.finding().rule() + " " + s.by() + " " + s.reason())
                .containsExactly("reverse-dns-mismatch maildrift-accepted.yml:5 the ISP's",
                        "spf-record-broken maildrift-accepted.yml:3 rule off");
        assertThat(applied.suppressed().get(0).owner()).isEqualTo("hostmaster@example.com");
    }

    /** The same file on a later day: the entry no longer suppresses, and says so. */
    @Test
    void anExpiredEntrySuppressesNothingAndIsAFindingOfItsOwn() throws Exception {
        AcceptedDeviations a = load("""
                accepted:
                  - {rule: "*", host: lists, reason: migration, owner: me, expires: 2026-12-31}
                """);
        CheckReport report = new CheckReport(List.of(finding("reverse-dns-mismatch", Severity.WARNING, "lists",
                "20.2.0.192.in-addr.arpa")), List.of());
        assertThat(a.apply(report, LocalDate.of(2026, 12, 31)).report().findings()).isEmpty();
        AcceptedDeviations.Applied later = a.apply(report, LocalDate.of(2027, 1, 1));
        assertThat(later.suppressed()).isEmpty();
        assertThat(later.report().findings()).extracting(Finding::rule)
                .containsExactly("reverse-dns-mismatch", AcceptedDeviations.EXPIRED);
        Finding expired = later.report().findings().get(1);
        assertThat(expired.severity()).isEqualTo(Severity.WARNING);
        assertThat(expired.location().line()).isEqualTo(2);
        assertThat(expired.message()).contains("every rule on lists", "expired on 2026-12-31");
    }

    /** A conclusion not reached is suppressed only when every rule that needed it is off or accepted there. */
    @Test
    void inconclusiveResultsFollowTheRulesThatCouldNotReachThem() throws Exception {
        Inconclusive ptr = new Inconclusive("20.2.0.192.in-addr.arpa", "PTR", "not-covered", null, "zone-files", "r");
        Inconclusive lost = new Inconclusive("example.com", "MX", "timeout", "192.0.2.53", "internal", "r");
        CheckReport report = new CheckReport(List.of(), List.of(ptr, lost), Map.of(ptr,
                Set.of("reverse-dns-mismatch", "hostname-not-forward-confirmed")));
        AcceptedDeviations off = load("rules:\n  reverse-dns-mismatch: off\n");
        // another rule still needed the PTR: it stays open
        assertThat(off.apply(report, TODAY).report().inconclusive()).containsExactly(ptr, lost);
        AcceptedDeviations both = load("rules:\n  reverse-dns-mismatch: off\naccepted:\n"
                + "  - {rule: hostname-not-forward-confirmed, subject: '*.in-addr.arpa', reason: ISP, owner: me,"
                + " expires: 2027-01-01}\n");
        AcceptedDeviations.Applied applied = both.apply(report, TODAY);
        // a lookup the collection lost is never suppressed: it is not one rule's to accept
        assertThat(applied.report().inconclusive()).containsExactly(lost);
        assertThat(applied.suppressed()).singleElement().satisfies(s -> assertThat(s.inconclusive()).isEqualTo(ptr));
    }

    @Test
    void globsMatchWithoutCase() {
        assertThat(AcceptedDeviations.glob("*.example.COM", "mx.Example.com")).isTrue();
        assertThat(AcceptedDeviations.glob("mx?.example.com", "mx1.example.com")).isTrue();
        assertThat(AcceptedDeviations.glob("mx?.example.com", "mx12.example.com")).isFalse();
        assertThat(AcceptedDeviations.glob("example.com", "www.example.com")).isFalse();
        assertThat(AcceptedDeviations.glob("*", "")).isTrue();
    }

    @Test
    void errorsNameTheLineAndKeyWithoutQuotingTheFile() {
        assertThatThrownBy(() -> load("accepted:\n  - {rule: reverse-dns-mismatch, owner: me, expires: 2027-01-01}\n"))
                .hasMessage("maildrift-accepted.yml:2: accepted[2].reason: missing; every entry needs rule, reason,"
                        + " owner and expires");
        assertThatThrownBy(() -> load("accepted:\n  - {rule: no-such-rule-secret, reason: r, owner: me,"
                + " expires: 2027-01-01}\n")).hasMessageContaining(":2: accepted[2].rule: not a rule ID")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> load("accepted:\n  - {rule: '*', host: nosuch, reason: r, owner: me,"
                + " expires: 2027-01-01}\n")).hasMessageContaining("accepted[2].host: not a host of the inventory");
        assertThatThrownBy(() -> load("accepted:\n  - {rule: '*', reason: r, owner: me, expires: next year}\n"))
                .hasMessageContaining("accepted[2].expires: not a date such as 2027-06-30");
        assertThatThrownBy(() -> load("rules:\n  spf-record-broken: maybe\n"))
                .hasMessageContaining(":2: rules.spf-record-broken: expected off");
        assertThatThrownBy(() -> load("rules:\n  spf-record-broken: {severity: urgent}\n"))
                .hasMessageContaining("rules.spf-record-broken.severity: expected critical, warning, notice or info");
        assertThatThrownBy(() -> load("accept:\n  - x\n")).hasMessageContaining(":1: accept: unknown key");
    }

    @Test
    void entriesFromElsewhereApplyAfterTheFilesSoTheFileWinsAndUnmatchedEntriesAreListed() throws Exception {
        AcceptedDeviations file = load("""
                accepted:
                  - {rule: reverse-dns-mismatch, host: lists, reason: the ISP's, owner: hostmaster, expires: 2027-06-30}
                  - {rule: spf-record-broken, reason: moved, owner: hostmaster, expires: 2027-06-30}
                """);
        AcceptedDeviations.Entry dashboard = new AcceptedDeviations.Entry("reverse-dns-mismatch", null, "*", "ticket 9",
                "alice", LocalDate.of(2027, 1, 31), null, 0, "acceptance #4");
        AcceptedDeviations.Entry idle = new AcceptedDeviations.Entry("dkim-testing-mode", null, null, "rolling out",
                "bob", LocalDate.of(2027, 1, 31), null, 0, "acceptance #5");
        AcceptedDeviations all = file.with(List.of(dashboard, idle));
        CheckReport report = new CheckReport(List.of(
                finding("reverse-dns-mismatch", Severity.WARNING, "lists", "20.2.0.192.in-addr.arpa"),
                finding("reverse-dns-mismatch", Severity.WARNING, "apps", "30.2.0.192.in-addr.arpa")), List.of());
        AcceptedDeviations.Applied applied = all.apply(report, TODAY);
        assertThat(applied.report().findings()).isEmpty();
        assertThat(applied.suppressed()).extracting(s -> s.finding().host() + " " + s.by())
                .containsExactly("lists maildrift-accepted.yml:2", "apps acceptance #4");
        assertThat(applied.unmatched()).extracting(AcceptedDeviations.Unmatched::where)
                .containsExactly("maildrift-accepted.yml:3", "acceptance #5");
        assertThat(file.with(List.of())).isSameAs(file);

        Finding fromFile = all.stale(all.entries().get(1), LocalDate.of(2026, 10, 1));
        assertThat(fromFile.rule()).isEqualTo(AcceptedDeviations.STALE);
        assertThat(fromFile.severity()).isEqualTo(Severity.NOTICE);
        assertThat(fromFile.subject()).isEqualTo("maildrift-accepted.yml:3");
        assertThat(fromFile.message()).isEqualTo("the acceptance of spf-record-broken has matched nothing since"
                + " 2026-10-01");
        assertThat(fromFile.location().line()).isEqualTo(3);
        Finding fromDashboard = all.stale(idle, LocalDate.of(2026, 10, 1));
        assertThat(fromDashboard.subject()).isEqualTo("acceptance #5");
        assertThat(fromDashboard.location()).isNull();
        assertThat(fromDashboard.fix()).contains("remove acceptance #5 on the acceptances page");
    }
}

package org.maildrift.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maildrift.checks.BlindSpot;
import org.maildrift.checks.FindingLedger;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.Location;
import org.maildrift.rules.Severity;
import org.maildrift.testsupport.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The alert policy and delivery end to end: the real ledger, the real outbox and relay, GreenMail as the
 * SMTP server, and a clock the test moves. Runs are recorded as the check runner records them.
 */
@SpringBootTest(properties = {
    "maildrift.alerts.to=ops@example.com",
    "maildrift.alerts.routes[0].to=list-team@example.com",
    "maildrift.alerts.routes[0].hosts=mlserver",
    "maildrift.alerts.routes[0].min-severity=critical",
    "maildrift.alerts.from=maildrift@example.com",
    "maildrift.alerts.envelope-from=maildrift-bounces@example.com",
    "maildrift.alerts.dashboard-url=https://maildrift.example.com/",
    "maildrift.alerts.relay-poll=0"})
@org.springframework.context.annotation.Import(MutableClock.Configuration.class)
class AlertsTest {

    static final Instant START = MutableClock.START;
    static final int SMTP_PORT = org.maildrift.testsupport.LoopbackSmtp.freePort();
    static GreenMail smtp = org.maildrift.testsupport.LoopbackSmtp.start(SMTP_PORT);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry r) {
        r.add("spring.mail.host", () -> "127.0.0.1");
        r.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    FindingLedger ledger;
    @Autowired
    OutboxRelay relay;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NotificationDeliveryHealth health;
    @Autowired
    Silences silences;
    @Autowired
    Alerts alerts;

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @BeforeEach
    void clean() throws Exception {
        for (String t : List.of("alert_notice_item", "alert_notice", "alert_finding", "alert_blind", "alert_silence",
                "finding_observation", "run_inconclusive", "finding", "check_run")) {
            jdbc.update("delete from " + t);
        }
        if (!smtpRunning()) {
            smtp = org.maildrift.testsupport.LoopbackSmtp.start(SMTP_PORT);
        }
        smtp.purgeEmailFromAllMailboxes();
        clock.set(START);
    }

    private static boolean smtpRunning() {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", SMTP_PORT)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    // ---- helpers ----

    static Finding finding(String rule, Severity severity, String host, String subject) {
        return new Finding(rule, severity, host, subject, subject + " is an alias of newserver01.example.com, which "
                + host + " does not accept",
                List.of(subject + " CNAME newserver01.example.com", "newserver01.example.com A 192.0.2.20 = host " + host),
                "add newserver01.example.com to mydestination in " + host + "/main.cf line 4",
                new Location(host + "/main.cf", 4), List.of("zone-files"));
    }

    static Finding canonical(String subject) {
        return finding("canonical-name-not-accepted", Severity.CRITICAL, "mlserver", subject);
    }

    private void run(int confirmations, List<Finding> findings) {
        run(confirmations, findings, List.of(), List.of());
    }

    private void run(int confirmations, List<Finding> findings, List<Inconclusive> inconclusive, List<BlindSpot> blind) {
        ledger.record(new FindingLedger.Outcome(clock.instant(), "test", "inventory.yml",
                new CheckReport(findings, inconclusive), 10, blind), confirmations);
    }

    /** Lets the group wait pass and delivers what is due. */
    private void deliver() {
        clock.advance(Duration.ofSeconds(30));
        relay.deliverDue();
    }

    private List<AlertMail> mails() {
        return Arrays.stream(smtp.getReceivedMessages()).map(AlertMail::of).toList();
    }

    private List<AlertMail> mailsTo(String who) {
        return mails().stream().filter(m -> m.to().contains(who)).toList();
    }

    // ---- grouping ----

    @Test
    void fiveHundredFindingsConfirmedInOneRunMakeOneEmailPerRecipient() {
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(canonical(String.format("list-%03d.example.com", i)));
        }
        many.add(finding("accepted-name-stale", Severity.INFO, "mlserver", "below-minimum.example.com"));
        run(2, many);
        deliver();
        assertThat(mails()).as("pending, not yet confirmed").isEmpty();
        run(2, many);
        deliver();

        List<AlertMail> ops = mailsTo("ops@example.com");
        List<AlertMail> team = mailsTo("list-team@example.com");
        assertThat(mails()).hasSize(2);
        assertThat(ops).hasSize(1);
        assertThat(team).hasSize(1);
        for (AlertMail m : List.of(ops.get(0), team.get(0))) {
            assertThat(m.subject()).isEqualTo("[maildrift] hq: 500 new (500 critical)");
            assertThat(m.findingLinks()).isEqualTo(500);
            assertThat(m.text()).contains("list-000.example.com", "list-499.example.com")
                    .doesNotContain("below-minimum.example.com")
                    .contains("Fix: add newserver01.example.com to mydestination in mlserver/main.cf line 4")
                    .contains("https://maildrift.example.com/findings/");
            assertThat(m.html()).contains("list-250.example.com");
            assertThat(m.returnPath()).contains("maildrift-bounces@example.com");
        }
        // a third run confirms nothing new: nobody hears anything
        run(2, many);
        deliver();
        assertThat(mails()).hasSize(2);
    }

    @Test
    void aFindingOpenForSixDaysIsRemindedDailyAndNeverNewAgain() {
        List<Finding> one = List.of(canonical("ml.example.com"));
        run(2, one);
        clock.advance(Duration.ofMinutes(15));
        run(2, one);
        Instant opened = clock.instant();
        deliver();
        clock.advance(Duration.ofMinutes(14).plusSeconds(30));
        while (clock.instant().isBefore(opened.plus(Duration.ofDays(6)))) {
            run(2, one);
            deliver();
            clock.advance(Duration.ofMinutes(14).plusSeconds(30));
        }
        run(2, one);
        deliver();

        Map<String, Long> bySubject = mailsTo("ops@example.com").stream()
                .collect(Collectors.groupingBy(AlertMail::subject, Collectors.counting()));
        // opened at day 0; reminded at days 1, 2, 3, 4, 5 and 6 (a repeat interval of 24 h)
        assertThat(bySubject).containsOnly(Map.entry("[maildrift] hq: 1 new (1 critical)", 1L),
                Map.entry("[maildrift] hq: 1 still open (1 critical)", 6L));
    }

    @Test
    void onlyFindingsThatWereNotifiedGetAResolvedNotice() {
        Finding notified = canonical("ml.example.com");
        Finding quiet = finding("hostname-not-forward-confirmed", Severity.NOTICE, "hub", "hub.example.com");
        run(1, List.of(notified, quiet));
        deliver();
        assertThat(mailsTo("ops@example.com")).extracting(AlertMail::subject)
                .containsExactly("[maildrift] hq: 1 new (1 critical)");

        clock.advance(Duration.ofMinutes(15));
        run(1, List.of());
        deliver();
        List<AlertMail> ops = mailsTo("ops@example.com");
        assertThat(ops).extracting(AlertMail::subject)
                .containsExactly("[maildrift] hq: 1 new (1 critical)", "[maildrift] hq: 1 resolved");
        assertThat(ops.get(1).text()).contains("ml.example.com").doesNotContain("hub.example.com");
        // more quiet runs tell nobody anything
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(15));
            run(1, List.of());
            deliver();
        }
        assertThat(mailsTo("ops@example.com")).hasSize(2);
    }

    @Test
    void whatOneRecipientIsToldWithinTheGroupIntervalArrivesAsOneEmail() {
        run(1, List.of(canonical("a.example.com")));
        deliver();
        assertThat(mailsTo("ops@example.com")).hasSize(1);
        // two more runs within the 5-minute group interval, each opening one more finding
        clock.advance(Duration.ofMinutes(1));
        run(1, List.of(canonical("a.example.com"), canonical("b.example.com")));
        deliver();
        clock.advance(Duration.ofMinutes(1));
        run(1, List.of(canonical("a.example.com"), canonical("b.example.com"), canonical("c.example.com")));
        deliver();
        assertThat(mailsTo("ops@example.com")).as("held by the group interval").hasSize(1);
        clock.advance(Duration.ofMinutes(4));
        relay.deliverDue();
        List<AlertMail> ops = mailsTo("ops@example.com");
        assertThat(ops).hasSize(2);
        assertThat(ops.get(1).subject()).isEqualTo("[maildrift] hq: 2 new (2 critical)");
        assertThat(ops.get(1).text()).contains("b.example.com", "c.example.com");
    }

    @Test
    void newsHeldByTheGroupIntervalKeepsOnlyTheLatestAboutEachFinding() {
        run(1, List.of(canonical("a.example.com")));
        deliver();
        clock.advance(Duration.ofMinutes(1));
        run(1, List.of(canonical("a.example.com"), canonical("b.example.com")));
        clock.advance(Duration.ofMinutes(1));
        run(1, List.of(canonical("a.example.com")));
        clock.advance(Duration.ofMinutes(1));
        run(1, List.of(canonical("a.example.com"), canonical("b.example.com")));
        clock.advance(Duration.ofMinutes(5));
        relay.deliverDue();
        List<AlertMail> ops = mailsTo("ops@example.com");
        assertThat(ops).hasSize(2);
        // b was new, resolved and new again while the e-mail waited: it is reported once, as it stands
        assertThat(ops.get(1).subject()).isEqualTo("[maildrift] hq: 1 new (1 critical)");
        assertThat(ops.get(1).findingLinks()).isEqualTo(1);
    }

    // ---- delivery ----

    @Test
    void anSmtpOutageDelaysAlertsButLosesNone() throws Exception {
        smtp.stop();
        List<Finding> open = new ArrayList<>();
        Instant outageStart = clock.instant();
        Status at29 = null;
        Status at31 = null;
        for (int minute = 0; minute < 120; minute++) {
            if (minute % 15 == 0) {
                if (open.size() < 3) {
                    open.add(finding("mx-target-is-alias", Severity.WARNING, "hub", "mx" + open.size() + ".example.com"));
                }
                run(1, open);
            }
            relay.deliverDue();
            if (minute == 29) {
                at29 = health.health().getStatus();
            }
            if (minute == 31) {
                at31 = health.health().getStatus();
            }
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(at29).isEqualTo(Status.UP);
        assertThat(at31).isEqualTo(Status.DOWN);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(alerts.status().delivering()).isFalse();
        assertThat(alerts.status().warnings().get(0)).startsWith("Alerts are not being delivered: the oldest of 3");
        assertThat(Duration.between(outageStart, clock.instant())).isEqualTo(Duration.ofHours(2));

        smtp = org.maildrift.testsupport.LoopbackSmtp.start(SMTP_PORT);
        Instant back = clock.instant();
        while (mails().size() < 3 && clock.instant().isBefore(back.plus(Duration.ofHours(1)))) {
            relay.deliverDue();
            clock.advance(Duration.ofMinutes(1));
        }
        List<AlertMail> got = mailsTo("ops@example.com");
        assertThat(got).hasSize(3);
        assertThat(Duration.between(back, clock.instant())).as("within one backoff step (the 15-minute cap)")
                .isLessThanOrEqualTo(Duration.ofMinutes(15));
        assertThat(got.stream().map(AlertMail::messageId).distinct()).hasSize(3);
        assertThat(got).allMatch(m -> m.subject().equals("[maildrift] hq: 1 new (1 warning)"));
        assertThat(got.stream().map(AlertMail::text).collect(Collectors.joining()))
                .contains("mx0.example.com", "mx1.example.com", "mx2.example.com");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        // nothing left to send: more passes send nothing twice
        clock.advance(Duration.ofHours(1));
        relay.deliverDue();
        assertThat(mails()).hasSize(3);
    }

    @Test
    void aNoticeThatCannotBeDeliveredFor24HoursIsMarkedFailedAndCanBeResent() {
        smtp.stop();
        run(1, List.of(canonical("ml.example.com")));
        for (int i = 0; i < 26 * 4; i++) {
            clock.advance(Duration.ofMinutes(15));
            relay.deliverDue();
        }
        List<Notice> failed = alerts.notices(10).stream().filter(Notice::failed).toList();
        assertThat(failed).hasSize(2);
        assertThat(failed.get(0).lastError()).isNotBlank();
        assertThat(alerts.status().warnings()).anyMatch(w -> w.contains("given up on"));
        // attempts: backoff 30 s, 1, 2, 4, 8 min, then every 15 min for the rest of the 24 h
        assertThat(failed.get(0).attempts()).isBetween(95, 100);

        smtp = org.maildrift.testsupport.LoopbackSmtp.start(SMTP_PORT);
        failed.forEach(n -> alerts.resend(n.id()));
        relay.deliverDue();
        assertThat(mails()).hasSize(2);
        assertThat(mails().stream().map(AlertMail::messageId).toList())
                .containsExactlyInAnyOrderElementsOf(failed.stream().map(Notice::messageId).toList());
    }

    // ---- blindness, flapping, silences ----

    @Test
    void aDnsOutageOfTenRunsGivesOneBlindNoticeAndNoDriftOrResolvedNotices() throws Exception {
        Finding f = new Finding("canonical-name-not-accepted", Severity.CRITICAL, "mlserver", "ml.example.com",
                "ml.example.com is not accepted", List.of("ml.example.com CNAME newserver01.example.com"), "add it",
                null, List.of("192.0.2.53"));
        run(2, List.of(f));
        clock.advance(Duration.ofMinutes(15));
        run(2, List.of(f));
        deliver();
        assertThat(mails()).hasSize(2);
        smtp.purgeEmailFromAllMailboxes();

        BlindSpot dead = BlindSpot.view("192.0.2.53", "every one of 12 lookups failed {timeout=12}");
        List<Inconclusive> failed = List.of(
                new Inconclusive("ml.example.com", "CNAME", "timeout", "192.0.2.53", "192.0.2.53", "no answer"),
                new Inconclusive("newserver01.example.com", "A", "timeout", "192.0.2.53", "192.0.2.53", "no answer"));
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(15));
            run(2, List.of(), failed, List.of(dead));
            deliver();
        }
        List<AlertMail> during = mailsTo("ops@example.com");
        assertThat(during).extracting(AlertMail::subject).containsExactly("[maildrift] hq: 1 cannot see");
        assertThat(during.get(0).text()).contains("view:192.0.2.53", "every one of 12 lookups failed", "3 runs in a row");
        assertThat(mailsTo("list-team@example.com")).hasSize(1);

        smtp.purgeEmailFromAllMailboxes();
        clock.advance(Duration.ofMinutes(15));
        run(2, List.of(f));
        deliver();
        assertThat(mailsTo("ops@example.com")).extracting(AlertMail::subject)
                .containsExactly("[maildrift] hq: 1 can see again");
    }

    @Test
    void anInventoryThatCannotBeReadForThreeRunsIsToldToEveryoneOnce() throws Exception {
        run(1, List.of(canonical("ml.example.com")));
        deliver();
        smtp.purgeEmailFromAllMailboxes();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(15));
            ledger.recordFailure(clock.instant(), "test", "inventory.yml", "inventory.yml:3: hosts[].mta: unknown MTA");
            deliver();
        }
        assertThat(mails()).extracting(AlertMail::to).containsExactlyInAnyOrder("ops@example.com",
                "list-team@example.com");
        assertThat(mails().get(0).subject()).isEqualTo("[maildrift] hq: 1 cannot see");
        assertThat(mails().get(0).text()).contains("inventory.yml:3: hosts[].mta: unknown MTA");
    }

    @Test
    void aFlappingFindingIsToldOnceWhenItStartsAndOnceWhenItStops() {
        Finding f = canonical("ml.example.com");
        // open, resolve, open, resolve: four changes within twenty runs make it flap
        run(1, List.of(f));
        deliver();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(15));
            run(1, i % 2 == 0 ? List.of() : List.of(f));
            deliver();
        }
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(15));
            run(1, i % 2 == 0 ? List.of(f) : List.of());
            deliver();
        }
        // stays open long enough for the changes to leave the window
        for (int i = 0; i < 25; i++) {
            clock.advance(Duration.ofMinutes(15));
            run(1, List.of(f));
            deliver();
        }
        List<String> subjects = mailsTo("ops@example.com").stream().map(AlertMail::subject).toList();
        // the first changes are told as they happen; the fourth makes it flap, and then nothing until it stops
        assertThat(subjects).containsExactly("[maildrift] hq: 1 new (1 critical)", "[maildrift] hq: 1 resolved",
                "[maildrift] hq: 1 new (1 critical)", "[maildrift] hq: 1 flapping (1 critical)",
                "[maildrift] hq: 1 stopped flapping (1 critical)");
    }

    @Test
    void aSilencedFindingIsNotEmailedUntilItsSilenceEnds() {
        silences.create(new Silences.Request("canonical-name-not-accepted", "mlserver", "ml.*", "rename in progress",
                clock.instant().plus(Duration.ofHours(2))), "admin");
        run(1, List.of(canonical("ml.example.com"), canonical("other.example.com")));
        deliver();
        assertThat(mailsTo("ops@example.com")).hasSize(1);
        assertThat(mailsTo("ops@example.com").get(0).text()).contains("other.example.com")
                .doesNotContain("* critical canonical-name-not-accepted on mlserver: ml.example.com");
        for (int i = 0; i < 9; i++) {
            clock.advance(Duration.ofMinutes(15));
            run(1, List.of(canonical("ml.example.com"), canonical("other.example.com")));
            deliver();
        }
        List<AlertMail> ops = mailsTo("ops@example.com");
        assertThat(ops).hasSize(2);
        assertThat(ops.get(1).subject()).isEqualTo("[maildrift] hq: 1 new (1 critical)");
        assertThat(ops.get(1).text()).contains("ml.example.com").doesNotContain("other.example.com");
    }

    @Test
    void silencesNeedAMatcherAReasonAndAnEndWithinThirtyDays() {
        Instant now = clock.instant();
        assertThat(bad(new Silences.Request(null, null, null, "why", now.plusSeconds(60)))).isEqualTo("rule");
        assertThat(bad(new Silences.Request("no-such-rule", null, null, "why", now.plusSeconds(60)))).isEqualTo("rule");
        assertThat(bad(new Silences.Request(null, "hub", null, " ", now.plusSeconds(60)))).isEqualTo("reason");
        assertThat(bad(new Silences.Request(null, "hub", null, "why", now.minusSeconds(1)))).isEqualTo("endsAt");
        assertThat(bad(new Silences.Request(null, "hub", null, "why", now.plus(Duration.ofDays(31))))).isEqualTo("endsAt");
        assertThat(silences.create(new Silences.Request(null, "hub", null, "why", now.plus(Duration.ofDays(30))), "a")
                .describe()).isEqualTo("host=hub");
    }

    private String bad(Silences.Request r) {
        try {
            silences.create(r, "admin");
            return null;
        } catch (Silences.BadSilence e) {
            return e.field();
        }
    }

    // ---- content ----

    @Test
    void hostileValuesArriveEscapedAndOnlyToTheConfiguredRecipients() {
        Finding hostile = new Finding("canonical-name-not-accepted", Severity.CRITICAL, "mlserver",
                "<script>alert(1)</script>.example.com\r\nBcc: evil@attacker.example.net",
                "TXT \"<script>alert(1)</script>\"\r\nBcc: evil@attacker.example.net",
                List.of("x CNAME <img src=x onerror=alert(1)>", "\r\nBcc: evil@attacker.example.net"),
                "<b>fix</b>\r\nBcc: evil@attacker.example.net", new Location("mlserver/main.cf", 4), List.of("zone-files"));
        run(1, List.of(hostile));
        deliver();

        List<AlertMail> all = mails();
        assertThat(all).hasSize(2);
        assertThat(smtp.getReceivedMessagesForDomain("attacker.example.net")).isEmpty();
        assertThat(all.stream().map(AlertMail::to).sorted().toList())
                .containsExactly("list-team@example.com", "ops@example.com");
        for (AlertMail m : all) {
            assertThat(m.rawHeaders()).noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("bcc"));
            assertThat(m.html()).doesNotContain("<script>", "<img src=x", "<b>fix</b>")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;");
            assertThat(m.messageId()).startsWith("<maildrift.").endsWith("@example.com>");
        }
    }

    @Test
    void aTestAlertReachesEveryRecipient() {
        assertThat(alerts.sendTest("admin")).isEqualTo(2);
        relay.deliverDue();
        assertThat(mails()).extracting(AlertMail::subject)
                .containsExactly("[maildrift] hq: test alert", "[maildrift] hq: test alert");
        assertThat(mails().get(0).text()).contains("Sent by admin from the dashboard");
    }

    @Test
    void statusWarnsAboutAnEnvelopeSenderNobodyReads() {
        assertThat(Alerts.unreadEnvelope("")).isTrue();
        assertThat(Alerts.unreadEnvelope("noreply@example.com")).isTrue();
        assertThat(Alerts.unreadEnvelope("no-reply@example.com")).isTrue();
        assertThat(Alerts.unreadEnvelope("do-not-reply@example.com")).isTrue();
        assertThat(Alerts.unreadEnvelope("maildrift-bounces@example.com")).isFalse();
        assertThat(alerts.status().warnings()).isEmpty();
        assertThat(alerts.status().delivering()).isTrue();
    }

}

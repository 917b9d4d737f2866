package org.maildrift.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.maildrift.checks.CheckRunner;
import org.maildrift.checks.FindingQueries;
import org.maildrift.checks.FindingState;
import org.maildrift.checks.LedgerEntry;
import org.maildrift.rules.Scenario;
import org.maildrift.testsupport.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An accepted finding in the service, on a clock the test moves: the check runner applies
 * maildrift-accepted.yml beside the inventory; the finding stays in the ledger marked as accepted and is not
 * alerted; the day after the entry expires, the next run alerts it as new and reports the expired entry.
 */
@SpringBootTest(properties = {"maildrift.checks.interval=1h", "maildrift.checks.confirmations=1",
    "maildrift.alerts.to=ops@example.com", "maildrift.alerts.from=maildrift@example.com",
    "maildrift.alerts.relay-poll=0"})
@org.springframework.context.annotation.Import(MutableClock.Configuration.class)
class AcceptedFindingAlertsTest {

    static final Path ESTATE = estate();
    static final int SMTP_PORT = org.maildrift.testsupport.LoopbackSmtp.freePort();
    static final GreenMail SMTP = org.maildrift.testsupport.LoopbackSmtp.start(SMTP_PORT);

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

    static Path estate() {
        try {
            Path dir = Files.createTempDirectory("maildrift-accepted").toAbsolutePath();
            Scenario.load("spf-excludes-egress-address", "drifting").materialize(dir);
            // accepted until the day the clock starts on: 2026-11-02
            Files.writeString(dir.resolve("maildrift-accepted.yml"), """
                    accepted:
                      - rule: spf-excludes-egress-address
                        host: lists
                        reason: the SPF change is in review
                        owner: hostmaster@example.com
                        expires: 2026-11-02
                    """);
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

    private void deliver() {
        clock.advance(Duration.ofSeconds(30));
        relay.deliverDue();
    }

    private List<LedgerEntry> spf() {
        return queries.findings(new FindingQueries.Filter(java.util.EnumSet.allOf(FindingState.class), null,
                "spf-excludes-egress-address", "lists"), PageRequest.of(0, 10)).getContent();
    }

    @Test
    void anAcceptedFindingIsShownNotAlertedAndAlertsAsNewWhenTheAcceptanceExpires() throws Exception {
        clock.set(MutableClock.START);
        runner.runNow("test").orElseThrow();
        deliver();
        assertThat(spf()).singleElement().satisfies(f -> {
            assertThat(f.state()).isEqualTo(FindingState.OPEN);
            assertThat(f.acceptedBy()).isEqualTo("maildrift-accepted.yml:2: the SPF change is in review"
                    + " (hostmaster@example.com, until 2026-11-02)");
        });
        assertThat(mails()).as("accepted: nobody is told").isEmpty();

        // the day after expires: suppressed no more
        clock.advance(Duration.ofDays(1));
        runner.runNow("test").orElseThrow();
        deliver();
        assertThat(spf()).singleElement().satisfies(f -> assertThat(f.acceptedBy()).isNull());
        assertThat(mails()).singleElement().satisfies(m -> {
            assertThat(m.subject()).contains("2 new");
            assertThat(m.text()).contains("spf-excludes-egress-address", "suppression-expired");
        });
    }
}

package org.maildrift.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.Location;
import org.maildrift.rules.Severity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;

/** The ledger's lifecycle on the real migrations (H2 here; the same SQL runs on PostgreSQL). */
@DataJpaTest
@Import({FindingLedger.class, FindingQueries.class, FindingLedgerTest.FixedClock.class})
class FindingLedgerTest {

    static final int N = 2;

    @TestConfiguration
    static class FixedClock {
        @Bean
        org.maildrift.testsupport.MutableClock clock() {
            return new org.maildrift.testsupport.MutableClock(Instant.parse("2026-11-28T00:00:00Z"));
        }
    }

    @Autowired
    FindingLedger ledger;

    @Autowired
    FindingQueries queries;

    @Autowired
    org.maildrift.testsupport.MutableClock clock;

    private static final Finding CANONICAL = new Finding("canonical-name-not-accepted", Severity.CRITICAL, "mlserver",
            "newserver01.example.com", "ml.example.com is an alias of newserver01.example.com …",
            List.of(new org.maildrift.rules.Step.AliasHop("ml.example.com", "newserver01.example.com"),
                    new org.maildrift.rules.Step.Address("newserver01.example.com", "192.0.2.20", "mlserver", false)),
            new org.maildrift.rules.Fix("add newserver01.example.com to mydestination in mlserver/main.cf line 4",
                    new Location("mlserver/main.cf", 4)),
            List.of("zone-files"));

    private RunSummary run(List<Finding> findings, Inconclusive... open) {
        CheckReport report = new CheckReport(findings, List.of(open));
        return ledger.record(new FindingLedger.Outcome(Instant.parse("2026-11-28T00:00:00Z"), "test", "inventory.yml",
                report, 10), N);
    }

    private LedgerEntry entry() {
        return queries.findings(new FindingQueries.Filter(java.util.EnumSet.allOf(FindingState.class), null, null, null),
                PageRequest.of(0, 10)).getContent().get(0);
    }

    @Test
    void confirmsDriftOnlyAfterConsecutiveObservations() {
        RunSummary first = run(List.of(CANONICAL));
        assertThat(entry().state()).isEqualTo(FindingState.PENDING);
        assertThat(first.opened()).isZero();
        RunSummary second = run(List.of(CANONICAL));
        assertThat(entry().state()).isEqualTo(FindingState.OPEN);
        assertThat(entry().openedAt()).isNotNull();
        assertThat(second.opened()).isEqualTo(1);
        assertThat(queries.openBySeverity()).containsEntry("critical", 1L);
    }

    @Test
    void dismissesDriftSeenOnceThatGoesAway() {
        run(List.of(CANONICAL));
        run(List.of());
        assertThat(entry().state()).isEqualTo(FindingState.DISMISSED);
        assertThat(queries.openBySeverity()).containsEntry("critical", 0L);
    }

    @Test
    void resolvesOnlyAfterConsecutiveAbsences() {
        run(List.of(CANONICAL));
        run(List.of(CANONICAL));
        RunSummary gone1 = run(List.of());
        assertThat(entry().state()).isEqualTo(FindingState.OPEN);
        assertThat(gone1.resolved()).isZero();
        RunSummary gone2 = run(List.of());
        assertThat(entry().state()).isEqualTo(FindingState.RESOLVED);
        assertThat(entry().resolvedAt()).isNotNull();
        assertThat(gone2.resolved()).isEqualTo(1);
    }

    @Test
    void checkErrorNeitherResolvesNorOpensAndShowsUnknownSince() {
        run(List.of(CANONICAL));
        run(List.of(CANONICAL));
        Inconclusive timeout = new Inconclusive("ml.example.com", "MX", "timeout", "192.0.2.53:53", "internal",
                "no answer");
        for (int i = 0; i < 5; i++) {
            run(List.of(), timeout);
        }
        LedgerEntry e = entry();
        assertThat(e.state()).isEqualTo(FindingState.OPEN);
        assertThat(e.unknownSince()).isNotNull();
        List<FindingQueries.HistoryItem> history = queries.history(e.id(), 10);
        assertThat(history).hasSize(7);
        assertThat(history.subList(0, 5)).allMatch(h -> h.observed() == Observed.UNKNOWN);
        run(List.of(CANONICAL));
        assertThat(entry().unknownSince()).isNull();
        assertThat(entry().state()).isEqualTo(FindingState.OPEN);
    }

    @Test
    void aHostWhoseVerdictIsUnknownKeepsItsFindings() {
        run(List.of(CANONICAL));
        run(List.of(CANONICAL));
        Inconclusive invalid = new Inconclusive("newserver01.example.com", "accepts", "config-invalid", "mlserver",
                null, "main.cf:3: …");
        run(List.of(), invalid);
        run(List.of(), invalid);
        assertThat(entry().state()).isEqualTo(FindingState.OPEN);
    }

    @Test
    void anUnrelatedInconclusiveDoesNotHoldAFindingOpen() {
        run(List.of(CANONICAL));
        run(List.of(CANONICAL));
        Inconclusive other = new Inconclusive("example.org", "A", "timeout", "192.0.2.53:53", "internal", "x");
        run(List.of(), other);
        run(List.of(), other);
        assertThat(entry().state()).isEqualTo(FindingState.RESOLVED);
    }

    @Test
    void marksAFindingThatKeepsComingAndGoingAsFlapping() {
        List<List<Finding>> pattern = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pattern.add(List.of(CANONICAL));
            pattern.add(List.of(CANONICAL));
            pattern.add(List.of());
            pattern.add(List.of());
        }
        boolean flappedBeforeFourthChange = false;
        int changes = 0;
        for (List<Finding> findings : pattern) {
            RunSummary r = run(findings);
            changes += r.opened() + r.resolved();
            if (changes < FindingLifecycle.FLAP_CHANGES && entry().flapping()) {
                flappedBeforeFourthChange = true;
            }
        }
        assertThat(changes).isEqualTo(6);
        assertThat(flappedBeforeFourthChange).isFalse();
        assertThat(entry().flapping()).isTrue();
    }

    @Test
    void comparesWhatTwoRunsSaw() {
        Finding other = new Finding("accepted-name-stale", Severity.WARNING, "mlserver", "server01.example.com", "m",
                List.of("e"), "f", null, List.of("zone-files"));
        RunSummary a = run(List.of(CANONICAL));
        RunSummary b = run(List.of(other));
        FindingQueries.RunDiff diff = queries.diff(a.id(), b.id());
        assertThat(diff.appeared()).extracting(LedgerEntry::rule).containsExactly("accepted-name-stale");
        assertThat(diff.disappeared()).extracting(LedgerEntry::rule).containsExactly("canonical-name-not-accepted");
        assertThat(queries.previousCompleted(b.id())).get().extracting(RunSummary::id).isEqualTo(a.id());
        assertThat(queries.diff(b.id(), b.id()).appeared()).isEmpty();
    }

    @Test
    void keepsEachRunsEvidenceAndTheInconclusiveConclusions() {
        RunSummary r = run(List.of(CANONICAL), new Inconclusive("x.example.com", "A", "timeout", "s", "v", "r"));
        assertThat(queries.inconclusive(r.id())).extracting(Inconclusive::name).containsExactly("x.example.com");
        assertThat(entry().evidence()).containsExactlyElementsOf(CANONICAL.evidence());
        assertThat(entry().fix()).isEqualTo(CANONICAL.fix());
        assertThat(queries.lastRun()).get().extracting(RunSummary::critical).isEqualTo(1);
    }

    /** Which failed lookups leave a finding unknown comes from its typed evidence, not from its words. */
    @Test
    void aFailedLookupOfANameTheEvidenceRestsOnLeavesTheFindingUnknown() {
        for (int i = 0; i < N; i++) {
            run(List.of(CANONICAL));
        }
        Finding quiet = new Finding(CANONICAL.rule(), CANONICAL.severity(), CANONICAL.host(), CANONICAL.subject(),
                CANONICAL.message(), List.of(), CANONICAL.remedy(), CANONICAL.views());
        assertThat(CANONICAL.dependsOn()).containsExactly("newserver01.example.com", "ml.example.com");
        // a name that the words mention but no step rests on does not make it unknown
        run(List.of(), new Inconclusive("example.com", "MX", "timeout", "192.0.2.53:53", "internal", "x"));
        assertThat(entry().unknownSince()).isNull();
        assertThat(quiet.dependsOn()).containsExactly("newserver01.example.com");
    }

    /**
     * A stored finding whose words changed gets its new content; one seen again unchanged gets only its counters
     * (written apart from the content): both are read back as the run left them.
     */
    @Test
    void aStoredFindingKeepsItsLatestContentAndItsCounters() {
        Instant start = clock.instant();
        run(List.of(CANONICAL));
        clock.advance(java.time.Duration.ofMinutes(5));
        Finding reworded = new Finding(CANONICAL.rule(), CANONICAL.severity(), CANONICAL.host(), CANONICAL.subject(),
                "ml.example.com now ends at newserver01.example.com", CANONICAL.steps(), CANONICAL.remedy(),
                CANONICAL.views());
        run(List.of(reworded));
        assertThat(entry().message()).isEqualTo(reworded.message());
        assertThat(entry().state()).isEqualTo(FindingState.OPEN);
        assertThat(entry().openedAt()).isEqualTo(start.plusSeconds(300));
        clock.advance(java.time.Duration.ofMinutes(5));
        run(List.of(reworded));
        LedgerEntry seenAgain = entry();
        assertThat(seenAgain.message()).isEqualTo(reworded.message());
        assertThat(seenAgain.evidence()).containsExactlyElementsOf(CANONICAL.evidence());
        assertThat(seenAgain.firstSeen()).isEqualTo(start);
        assertThat(seenAgain.lastSeen()).isEqualTo(start.plusSeconds(600));
        assertThat(seenAgain.state()).isEqualTo(FindingState.OPEN);
        clock.advance(java.time.Duration.ofMinutes(5));
        run(List.of());
        assertThat(entry().state()).isEqualTo(FindingState.OPEN);
        clock.advance(java.time.Duration.ofMinutes(5));
        run(List.of());
        assertThat(entry().state()).isEqualTo(FindingState.RESOLVED);
        assertThat(entry().resolvedAt()).isEqualTo(start.plusSeconds(1200));
        assertThat(entry().lastSeen()).isEqualTo(start.plusSeconds(600));
        assertThat(entry().message()).isEqualTo(reworded.message());
    }
}

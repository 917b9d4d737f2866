package org.maildrift.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.maildrift.rules.Inconclusive;

/** A finding's life without a database: confirmation, resolution, dismissal, unknown and flapping. */
class FindingLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static FindingRow row() {
        FindingRow r = new FindingRow("canonical-name-not-accepted|mlserver|newserver01.example.com", T0);
        r.subject = "newserver01.example.com";
        r.host = "mlserver";
        r.dependsOn = "newserver01.example.com\nml.example.com";
        return r;
    }

    @Test
    void opensOnlyAfterConsecutiveSightingsAndResolvesAfterAsManyAbsences() {
        FindingRow r = row();
        assertThat(FindingLifecycle.seen(r, T0, 2)).isFalse();
        assertThat(r.state).isEqualTo(FindingState.PENDING);
        assertThat(FindingLifecycle.seen(r, T0.plusSeconds(60), 2)).isTrue();
        assertThat(r.state).isEqualTo(FindingState.OPEN);
        assertThat(r.openedAt).isEqualTo(T0.plusSeconds(60));
        assertThat(FindingLifecycle.missing(r, T0.plusSeconds(120), 2)).isFalse();
        assertThat(r.state).isEqualTo(FindingState.OPEN);
        assertThat(FindingLifecycle.missing(r, T0.plusSeconds(180), 2)).isTrue();
        assertThat(r.state).isEqualTo(FindingState.RESOLVED);
        assertThat(r.transitions).isEqualTo(2);
        // seen again: pending again, and opened again only after a second sighting
        assertThat(FindingLifecycle.seen(r, T0.plusSeconds(240), 2)).isFalse();
        assertThat(r.state).isEqualTo(FindingState.PENDING);
    }

    @Test
    void aPendingFindingThatVanishesIsDismissed() {
        FindingRow r = row();
        FindingLifecycle.seen(r, T0, 2);
        assertThat(FindingLifecycle.missing(r, T0.plusSeconds(60), 2)).isFalse();
        assertThat(r.state).isEqualTo(FindingState.DISMISSED);
    }

    @Test
    void anUnknownRunMovesNothingAndRemembersSinceWhen() {
        FindingRow r = row();
        FindingLifecycle.seen(r, T0, 1);
        FindingLifecycle.unknown(r, T0.plusSeconds(60));
        FindingLifecycle.unknown(r, T0.plusSeconds(120));
        assertThat(r.state).isEqualTo(FindingState.OPEN);
        assertThat(r.missingStreak).isZero();
        assertThat(r.unknownSince).isEqualTo(T0.plusSeconds(60));
        FindingLifecycle.seen(r, T0.plusSeconds(180), 1);
        assertThat(r.unknownSince).isNull();
    }

    @Test
    void unknownIsDecidedByTheNamesTheEvidenceRestsOnAndByHostVerdicts() {
        FindingRow r = row();
        assertThat(FindingLifecycle.inconclusiveFor(r, List.of(
                new Inconclusive("ml.example.com", "MX", "timeout", "s", "v", "r")))).isTrue();
        assertThat(FindingLifecycle.inconclusiveFor(r, List.of(
                new Inconclusive("example.com", "MX", "timeout", "s", "v", "r")))).isFalse();
        assertThat(FindingLifecycle.inconclusiveFor(r, List.of(
                new Inconclusive("x.example.org", "accepts", "unknown", "mlserver", null, "r")))).isTrue();
        assertThat(FindingLifecycle.inconclusiveFor(r, List.of(
                new Inconclusive("x.example.org", "accepts", "unknown", "mailhub", null, "r")))).isFalse();
        // a row written before the names were stored rests on its subject
        r.dependsOn = null;
        assertThat(FindingLifecycle.inconclusiveFor(r, List.of(
                new Inconclusive("newserver01.example.com", "A", "timeout", "s", "v", "r")))).isTrue();
    }

    @Test
    void flapsFromTheFourthChangeInTheWindow() {
        assertThat(FindingLifecycle.flapping(3)).isFalse();
        assertThat(FindingLifecycle.flapping(FindingLifecycle.FLAP_CHANGES)).isTrue();
    }
}

package org.maildrift.checks;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.maildrift.rules.Inconclusive;

/**
 * A finding's life as a pure function of its row and what one run observed, without a database:
 * PENDING until seen in {@code confirmations} consecutive runs, then OPEN; RESOLVED after as many runs
 * without it (a PENDING one that vanishes is DISMISSED); UNKNOWN in a run that could not conclude about
 * it (state and streaks stay, "unknown since" is set); flapping while it changed state
 * {@link #FLAP_CHANGES} times within its last {@link #FLAP_WINDOW} observations.
 */
final class FindingLifecycle {

    static final int FLAP_WINDOW = 20;
    static final int FLAP_CHANGES = 4;

    private FindingLifecycle() {
    }

    /** The run saw the finding. True when this opened it. */
    static boolean seen(FindingRow row, Instant now, int confirmations) {
        if (row.state == FindingState.RESOLVED || row.state == FindingState.DISMISSED) {
            row.state = FindingState.PENDING;
            row.seenStreak = 0;
        }
        row.seenStreak++;
        row.missingStreak = 0;
        row.lastSeen = now;
        row.unknownSince = null;
        if (row.state == FindingState.PENDING && row.seenStreak >= confirmations) {
            row.state = FindingState.OPEN;
            row.openedAt = now;
            row.resolvedAt = null;
            row.transitions++;
            return true;
        }
        return false;
    }

    /** The run could not conclude about the finding: nothing moves, and it is unknown since now (or before). */
    static void unknown(FindingRow row, Instant now) {
        if (row.unknownSince == null) {
            row.unknownSince = now;
        }
    }

    /** The run concluded that the finding is gone. True when this resolved it. */
    static boolean missing(FindingRow row, Instant now, int confirmations) {
        row.unknownSince = null;
        row.seenStreak = 0;
        row.missingStreak++;
        if (row.state == FindingState.PENDING) {
            row.state = FindingState.DISMISSED;
        } else if (row.missingStreak >= confirmations) {
            row.state = FindingState.RESOLVED;
            row.resolvedAt = now;
            row.transitions++;
            return true;
        }
        return false;
    }

    /** Whether a finding flaps, from how many of its last {@link #FLAP_WINDOW} observations changed its state. */
    static boolean flapping(long changesInWindow) {
        return changesInWindow >= FLAP_CHANGES;
    }

    /**
     * True when one of the run's inconclusive conclusions concerns this finding: a name its evidence rests
     * on, or a host verdict on its host.
     */
    static boolean inconclusiveFor(FindingRow row, List<Inconclusive> open) {
        Set<String> names = row.dependsOnNames();
        for (Inconclusive i : open) {
            if (i.type().equals("accepts") && i.server() != null && i.server().equals(row.host)) {
                return true;
            }
            if (names.contains(i.name().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}

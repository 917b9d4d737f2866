package org.maildrift.checks;

import java.time.Instant;
import java.util.List;

/**
 * Published inside the transaction that records a run, so that what listens (alerts) writes its own
 * rows atomically with the ledger change. {@code open} is every finding open after the run;
 * {@code changes} what the run did to findings; {@code blind} what the run could not see at all.
 */
public record RunRecorded(RunSummary run, Instant at, List<LedgerEntry> open, List<Change> changes,
        List<BlindSpot> blind) {

    public RunRecorded {
        open = List.copyOf(open);
        changes = List.copyOf(changes);
        blind = List.copyOf(blind);
    }

    /** What happened to one finding in this run. */
    public enum Kind { OPENED, RESOLVED, FLAPPING_STARTED, FLAPPING_STOPPED }

    public record Change(Kind kind, LedgerEntry finding) {
    }
}

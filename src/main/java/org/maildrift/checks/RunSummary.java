package org.maildrift.checks;

import java.time.Duration;
import java.time.Instant;

/** A check run: when, why, how it ended, what it found and what it changed in the ledger. */
public record RunSummary(long id, Instant startedAt, Instant finishedAt, String trigger, String inventory,
        String status, String error, int critical, int warning, int notice, int info, int inconclusive, int lookups,
        int opened, int resolved) {

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}

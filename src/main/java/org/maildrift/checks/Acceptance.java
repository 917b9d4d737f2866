package org.maildrift.checks;

import java.time.Instant;
import java.time.LocalDate;

import org.maildrift.accept.AcceptedDeviations;

/**
 * A finding accepted on the dashboard: the rule, and optionally the host and the subject (exact, or a glob) it
 * covers, why, who accepted it and when, until when (the end of that day, UTC), the finding it was accepted from,
 * and who removed it.
 */
public record Acceptance(long id, String rule, String host, String subject, String reason, String owner,
        Instant createdAt, LocalDate expires, Long findingId, Instant removedAt, String removedBy) {

    /** How the ledger and the pages name it. */
    public String source() {
        return source(id);
    }

    static String source(long id) {
        return "acceptance #" + id;
    }

    /** {@code active}, {@code expired} or {@code removed} on {@code today}. */
    public String status(LocalDate today) {
        return removedAt != null ? "removed" : expires.isBefore(today) ? "expired" : "active";
    }

    public boolean inForce(LocalDate today) {
        return status(today).equals("active");
    }

    /** The entry the check applies, after the file's own. */
    public AcceptedDeviations.Entry entry() {
        return new AcceptedDeviations.Entry(rule, host, subject, reason, owner, expires, null, 0, source());
    }

    public boolean matches(LedgerEntry f) {
        return entry().matches(f.rule(), f.host(), f.subject());
    }
}

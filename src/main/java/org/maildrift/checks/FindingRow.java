package org.maildrift.checks;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One finding's ledger row: identity (key), last seen content, and lifecycle counters. */
@Entity
@Table(name = "finding")
class FindingRow {

    /** Evidence lines are stored one per line; a line never contains a newline. */
    static final String SEPARATOR = "\n";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "finding_id")
    @SequenceGenerator(name = "finding_id", sequenceName = "finding_ids",
            allocationSize = db.migration.V10__Finding_id_sequence.ALLOCATION)
    Long id;
    @Column(name = "finding_key")
    String key;
    @Column(name = "rule_id")
    String rule;
    String severity;
    @Column(name = "severity_rank")
    int severityRank;
    @Column(name = "host_id")
    String host;
    String subject;
    @Enumerated(EnumType.STRING)
    FindingState state;
    @Column(name = "first_seen")
    Instant firstSeen;
    @Column(name = "last_seen")
    Instant lastSeen;
    @Column(name = "opened_at")
    Instant openedAt;
    @Column(name = "resolved_at")
    Instant resolvedAt;
    @Column(name = "unknown_since")
    Instant unknownSince;
    @Column(name = "seen_streak")
    int seenStreak;
    @Column(name = "missing_streak")
    int missingStreak;
    int transitions;
    boolean flapping;
    String message;
    String fix;
    String evidence;
    /** Per evidence line, "kind TAB label" (rule's typed step), aligned with {@link #evidence}. */
    @Column(name = "evidence_kinds")
    String evidenceKinds;
    /** The DNS names the finding rests on, one a line; null for rows written before V7. */
    @Column(name = "depends_on")
    String dependsOn;
    @Column(name = "location_file")
    String locationFile;
    @Column(name = "location_line")
    Integer locationLine;
    String views;
    /** The accepted deviation that suppresses this finding in the last run (entry, reason, owner, expiry), or null. */
    @Column(name = "accepted_by")
    String acceptedBy;

    protected FindingRow() {
    }

    FindingRow(String key, Instant now) {
        this.key = key;
        this.state = FindingState.PENDING;
        this.firstSeen = now;
        this.lastSeen = now;
    }

    List<String> evidenceKindLines() {
        return evidenceKinds == null || evidenceKinds.isEmpty() ? List.of()
                : Arrays.asList(evidenceKinds.split(SEPARATOR, -1));
    }

    java.util.Set<String> dependsOnNames() {
        return dependsOn == null || dependsOn.isEmpty() ? java.util.Set.of(subject == null ? "" : subject)
                : new java.util.HashSet<>(Arrays.asList(dependsOn.split(SEPARATOR)));
    }

    List<String> evidenceLines() {
        return evidence == null || evidence.isEmpty() ? List.of() : Arrays.asList(evidence.split(SEPARATOR, -1));
    }

    LedgerEntry entry() {
        return new LedgerEntry(id, key, rule, severity, host, subject, state, firstSeen, lastSeen, openedAt, resolvedAt,
                unknownSince, flapping, message, fix, evidenceLines(), locationFile, locationLine,
                views == null || views.isEmpty() ? List.of() : List.of(views.split(",")), evidenceKindLines(), acceptedBy);
    }
}

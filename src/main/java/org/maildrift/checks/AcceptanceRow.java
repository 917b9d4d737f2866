package org.maildrift.checks;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An acceptance made on the dashboard, as stored. */
@Entity
@Table(name = "acceptance")
class AcceptanceRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "rule_id")
    String rule;
    @Column(name = "host_id")
    String host;
    @Column(name = "subject_pattern")
    String subject;
    String reason;
    @Column(name = "owner_name")
    String owner;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "expires_on")
    LocalDate expires;
    @Column(name = "finding_id")
    Long findingId;
    @Column(name = "removed_at")
    Instant removedAt;
    @Column(name = "removed_by")
    String removedBy;

    protected AcceptanceRow() {
    }

    Acceptance acceptance() {
        return new Acceptance(id, rule, host, subject, reason, owner, createdAt, expires, findingId, removedAt,
                removedBy);
    }
}

package org.maildrift.alerts;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A silence as stored. */
@Entity
@Table(name = "alert_silence")
class SilenceRow {

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
    @Column(name = "created_by")
    String createdBy;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "ends_at")
    Instant endsAt;
    @Column(name = "ended_at")
    Instant endedAt;
    @Column(name = "ended_by")
    String endedBy;

    protected SilenceRow() {
    }

    Silence silence() {
        return new Silence(id, rule, host, subject, reason, createdBy, createdAt, endsAt, endedAt, endedBy);
    }
}

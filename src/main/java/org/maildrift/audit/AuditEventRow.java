package org.maildrift.audit;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "audit_event")
class AuditEventRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    Instant at;
    String actor;
    String action;
    String subject;
    String detail;

    protected AuditEventRow() {
    }

    AuditEventRow(Instant at, String actor, String action, String subject, String detail) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.subject = subject;
        this.detail = detail;
    }

    AuditTrail.Event event() {
        return new AuditTrail.Event(id, at, actor, action, subject, detail);
    }
}

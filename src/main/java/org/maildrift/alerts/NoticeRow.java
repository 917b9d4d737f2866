package org.maildrift.alerts;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One e-mail to one recipient in the outbox, with its delivery state. Its Message-ID never changes. */
@Entity
@Table(name = "alert_notice")
class NoticeRow {

    enum Status { PENDING, SENT, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    String recipient;
    @Column(name = "message_id")
    String messageId;
    @Column(name = "run_id")
    Long runId;
    @Enumerated(EnumType.STRING)
    Status status;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "due_at")
    Instant dueAt;
    @Column(name = "next_attempt_at")
    Instant nextAttemptAt;
    @Column(name = "give_up_at")
    Instant giveUpAt;
    int attempts;
    @Column(name = "last_attempt_at")
    Instant lastAttemptAt;
    @Column(name = "last_error")
    String lastError;
    @Column(name = "sent_at")
    Instant sentAt;
    String subject;
    @Column(name = "claimed_by")
    String claimedBy;
    @Column(name = "claimed_until")
    Instant claimedUntil;

    protected NoticeRow() {
    }

    NoticeRow(String recipient, String messageId, Long runId, Instant now, Instant due, Instant giveUp) {
        this.recipient = recipient;
        this.messageId = messageId;
        this.runId = runId;
        this.status = Status.PENDING;
        this.createdAt = now;
        this.dueAt = due;
        this.nextAttemptAt = due;
        this.giveUpAt = giveUp;
    }

    Notice notice(int items) {
        return new Notice(id, recipient, messageId, runId, status.name().toLowerCase(java.util.Locale.ROOT), createdAt,
                dueAt, nextAttemptAt, attempts, lastAttemptAt, lastError, sentAt, subject, items);
    }
}

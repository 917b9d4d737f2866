package org.maildrift.alerts;

import java.time.Instant;

/** An outbox entry as the dashboard shows it. */
public record Notice(long id, String recipient, String messageId, Long runId, String status, Instant createdAt,
        Instant dueAt, Instant nextAttemptAt, int attempts, Instant lastAttemptAt, String lastError, Instant sentAt,
        String subject, int items) {

    public boolean failed() {
        return "failed".equals(status);
    }
}

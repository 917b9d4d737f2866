package org.maildrift.alerts;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A source maildrift could not see in the last runs: how many in a row, since when, and whether people were told. */
@Entity
@Table(name = "alert_blind")
class BlindSourceRow {

    @Id
    String source;
    int streak;
    Instant since;
    String reason;
    @jakarta.persistence.Column(name = "notified_at")
    Instant notifiedAt;

    protected BlindSourceRow() {
    }

    BlindSourceRow(String source, Instant since) {
        this.source = source;
        this.since = since;
    }
}

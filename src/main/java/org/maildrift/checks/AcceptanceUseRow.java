package org.maildrift.checks;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** When an accepted deviation in force was first seen and last matched something. */
@Entity
@Table(name = "acceptance_use")
class AcceptanceUseRow {

    @Id
    @Column(name = "entry_key")
    String key;
    @Column(name = "first_seen")
    Instant firstSeen;
    @Column(name = "last_matched")
    Instant lastMatched;

    protected AcceptanceUseRow() {
    }

    AcceptanceUseRow(String key, Instant firstSeen) {
        this.key = key;
        this.firstSeen = firstSeen;
    }

    /** Since when it has matched nothing: its last match, else when it was first seen. */
    Instant quietSince() {
        return lastMatched != null ? lastMatched : firstSeen;
    }
}

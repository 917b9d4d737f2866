package org.maildrift.alerts;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What people were told about one finding: when last (null: never, or not since it resolved), and whether it flaps. */
@Entity
@Table(name = "alert_finding")
class AlertFindingRow {

    @Id
    @Column(name = "finding_id")
    Long findingId;
    @Column(name = "notified_at")
    Instant notifiedAt;
    @Column(name = "flapping_notified")
    boolean flappingNotified;

    protected AlertFindingRow() {
    }

    AlertFindingRow(Long findingId) {
        this.findingId = findingId;
    }
}

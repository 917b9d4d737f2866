package org.maildrift.checks;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One check run as stored. */
@Entity
@Table(name = "check_run")
class RunRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "started_at")
    Instant startedAt;
    @Column(name = "finished_at")
    Instant finishedAt;
    @Column(name = "trigger_kind")
    String trigger;
    String inventory;
    String status;
    @Column(name = "error_message")
    String error;
    @Column(name = "critical_count")
    int critical;
    @Column(name = "warning_count")
    int warning;
    @Column(name = "notice_count")
    int notice;
    @Column(name = "info_count")
    int info;
    @Column(name = "inconclusive_count")
    int inconclusive;
    int lookups;
    @Column(name = "opened_count")
    int opened;
    @Column(name = "resolved_count")
    int resolved;

    protected RunRow() {
    }

    RunRow(Instant startedAt, Instant finishedAt, String trigger, String inventory, String status) {
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.trigger = trigger;
        this.inventory = inventory;
        this.status = status;
    }

    RunSummary summary() {
        return new RunSummary(id, startedAt, finishedAt, trigger, inventory, status, error, critical, warning, notice,
                info, inconclusive, lookups, opened, resolved);
    }
}

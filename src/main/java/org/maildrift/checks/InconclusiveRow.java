package org.maildrift.checks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A conclusion a run could not reach. */
@Entity
@Table(name = "run_inconclusive")
class InconclusiveRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "run_id")
    long runId;
    String name;
    @Column(name = "qtype")
    String type;
    String outcome;
    String server;
    @Column(name = "view_name")
    String view;
    String reason;

    protected InconclusiveRow() {
    }

    InconclusiveRow(long runId, String name, String type, String outcome, String server, String view, String reason) {
        this.runId = runId;
        this.name = name;
        this.type = type;
        this.outcome = outcome;
        this.server = server;
        this.view = view;
        this.reason = reason;
    }
}

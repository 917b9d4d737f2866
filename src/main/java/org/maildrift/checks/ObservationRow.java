package org.maildrift.checks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What one run observed of one finding, the state after it, and the evidence of that run. */
@Entity
@Table(name = "finding_observation")
class ObservationRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "run_id")
    long runId;
    @Column(name = "finding_id")
    long findingId;
    @Enumerated(EnumType.STRING)
    Observed observed;
    @Enumerated(EnumType.STRING)
    @Column(name = "state_after")
    FindingState stateAfter;
    boolean changed;
    String evidence;

    protected ObservationRow() {
    }

    ObservationRow(long runId, long findingId, Observed observed, FindingState stateAfter, boolean changed,
            String evidence) {
        this.runId = runId;
        this.findingId = findingId;
        this.observed = observed;
        this.stateAfter = stateAfter;
        this.changed = changed;
        this.evidence = evidence;
    }
}

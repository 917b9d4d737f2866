package org.maildrift.checks;

import java.time.Instant;
import java.util.List;

/**
 * A finding as the ledger knows it: its key and last seen content, its state, when it was first and
 * last seen, opened and resolved, since when it is unknown (the last runs could not conclude), and
 * whether it flaps. {@code evidenceKinds} holds, per evidence line, the kind and label of the rule's typed
 * step ("alias\tCNAME"); it is empty for findings last seen before steps were stored.
 */
public record LedgerEntry(long id, String key, String rule, String severity, String host, String subject,
        FindingState state, Instant firstSeen, Instant lastSeen, Instant openedAt, Instant resolvedAt,
        Instant unknownSince, boolean flapping, String message, String fix, List<String> evidence,
        String locationFile, Integer locationLine, List<String> views,
        @com.fasterxml.jackson.annotation.JsonIgnore List<String> evidenceKinds, String acceptedBy) {

    public LedgerEntry {
        evidence = List.copyOf(evidence);
        views = List.copyOf(views);
        evidenceKinds = List.copyOf(evidenceKinds);
    }

    public boolean open() {
        return state == FindingState.OPEN;
    }
}

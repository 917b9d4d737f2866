package org.maildrift.alerts;

import java.time.Instant;
import java.util.List;

import org.maildrift.checks.LedgerEntry;
import org.maildrift.rules.Severity;

/**
 * One line of an alert: what kind of news, and the finding (or blind source) as it stood. For a
 * blind source {@code subject} is the source and {@code message} what failed.
 */
public record AlertItem(NoticeKind kind, Long findingId, String rule, String severity, int severityRank, String host,
        String subject, String message, String fix, List<String> evidence, String location, Instant since) {

    /** The order an e-mail lists its items in: by kind of news, then severity, rule and subject. */
    static final java.util.Comparator<AlertItem> ORDER = java.util.Comparator.comparing(AlertItem::kind)
            .thenComparing(AlertItem::severityRank).thenComparing(i -> i.rule() == null ? "" : i.rule())
            .thenComparing(AlertItem::subject);

    public AlertItem {
        evidence = List.copyOf(evidence);
    }

    static AlertItem of(NoticeKind kind, LedgerEntry f) {
        String location = f.locationFile() == null ? null
                : f.locationFile() + (f.locationLine() == null ? "" : ":" + f.locationLine());
        Instant since = kind == NoticeKind.RESOLVED ? f.resolvedAt() : f.openedAt();
        return new AlertItem(kind, f.id(), f.rule(), f.severity(), Severity.parse(f.severity()).ordinal(), f.host(),
                f.subject(), f.message(), f.fix(), f.evidence(), location, since);
    }

    static AlertItem blind(NoticeKind kind, String source, String host, String reason, Instant since) {
        return new AlertItem(kind, null, null, null, -1, host, source, reason, null, List.of(), null, since);
    }

    public boolean isFinding() {
        return findingId != null;
    }
}

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

/**
 * One thing a notice reports, as it stood when the notice was written (a later change to the finding
 * does not rewrite an e-mail already decided, and every retry renders the same text).
 */
@Entity
@Table(name = "alert_notice_item")
class NoticeItemRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "notice_id")
    Long noticeId;
    @Enumerated(EnumType.STRING)
    NoticeKind kind;
    @Column(name = "finding_id")
    Long findingId;
    @Column(name = "rule_id")
    String rule;
    String severity;
    @Column(name = "severity_rank")
    int severityRank;
    @Column(name = "host_id")
    String host;
    String subject;
    String message;
    String fix;
    String evidence;
    String location;
    Instant since;

    protected NoticeItemRow() {
    }

    NoticeItemRow(Long noticeId, AlertItem item) {
        this.noticeId = noticeId;
        this.kind = item.kind();
        this.findingId = item.findingId();
        this.rule = item.rule();
        this.severity = item.severity();
        this.severityRank = item.severityRank();
        this.host = item.host();
        this.subject = cut(item.subject(), 512);
        this.message = cut(item.message(), 4000);
        this.fix = cut(item.fix(), 4000);
        this.evidence = cut(String.join("\n", item.evidence()), 65536);
        this.location = cut(item.location(), 1100);
        this.since = item.since();
    }

    AlertItem item() {
        return new AlertItem(kind, findingId, rule, severity, severityRank, host, subject, message, fix,
                evidence == null || evidence.isEmpty() ? java.util.List.of() : java.util.List.of(evidence.split("\n", -1)),
                location, since);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

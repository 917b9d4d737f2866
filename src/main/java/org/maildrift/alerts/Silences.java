package org.maildrift.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.maildrift.checks.LedgerEntry;
import org.maildrift.rules.catalog.RuleCatalog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Silences: set by admins with a reason and an end at most 30 days ahead; ended early or by time. */
@Service
public class Silences {

    static final Duration LONGEST = Duration.ofDays(30);

    private final SilenceRepository silences;
    private final Clock clock;
    private final org.maildrift.audit.AuditTrail audit;

    Silences(SilenceRepository silences, Clock clock, org.maildrift.audit.AuditTrail audit) {
        this.audit = audit;
        this.silences = silences;
        this.clock = clock;
    }

    /** What an admin asks for; {@code endsAt} must lie in the next 30 days. */
    public record Request(String rule, String host, String subject, String reason, Instant endsAt) {
    }

    /** A silence request that cannot be taken; names the field. */
    public static final class BadSilence extends RuntimeException {
        private final String field;

        public BadSilence(String field, String message) {
            super(field + ": " + message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    @Transactional
    public Silence create(Request request, String createdBy) {
        Instant now = clock.instant();
        String rule = trim(request.rule(), 100, "rule");
        String host = trim(request.host(), 100, "host");
        String subject = trim(request.subject(), 512, "subject");
        String reason = trim(request.reason(), 1000, "reason");
        if (rule == null && host == null && subject == null) {
            throw new BadSilence("rule", "give at least one of rule, host or subject; a silence of everything hides"
                    + " every alert");
        }
        if (rule != null && RuleCatalog.definitions().stream().noneMatch(d -> d.id().equals(rule))) {
            throw new BadSilence("rule", "'" + rule + "' is not a rule ID");
        }
        if (reason == null) {
            throw new BadSilence("reason", "say why alerts are silenced (it is shown to everyone who sees the findings)");
        }
        if (request.endsAt() == null || !request.endsAt().isAfter(now)) {
            throw new BadSilence("endsAt", "must be in the future");
        }
        if (request.endsAt().isAfter(now.plus(LONGEST))) {
            throw new BadSilence("endsAt", "must be at most 30 days ahead (" + now.plus(LONGEST) + ")");
        }
        SilenceRow row = new SilenceRow();
        row.rule = rule;
        row.host = host;
        row.subject = subject;
        row.reason = reason;
        row.createdBy = createdBy;
        row.createdAt = now;
        row.endsAt = request.endsAt();
        Silence saved = silences.save(row).silence();
        audit.record("silence.created", "silence " + saved.id(), "rule " + (rule == null ? "*" : rule) + ", host "
                + (host == null ? "*" : host) + ", subject " + (subject == null ? "*" : subject) + ", until "
                + request.endsAt() + ": " + reason);
        return saved;
    }

    @Transactional
    public Optional<Silence> end(long id, String by) {
        return silences.findById(id).map(row -> {
            if (row.endedAt == null) {
                row.endedAt = clock.instant();
                row.endedBy = by;
                audit.record("silence.ended", "silence " + id, null);
            }
            return row.silence();
        });
    }

    @Transactional(readOnly = true)
    public List<Silence> active() {
        return activeAt(clock.instant());
    }

    /** The silences in force at {@code at} (a run's time, for the alert policy). */
    @Transactional(readOnly = true)
    public List<Silence> activeAt(Instant at) {
        return silences.findByEndedAtIsNullAndEndsAtAfterOrderByEndsAtAsc(at).stream().map(SilenceRow::silence).toList();
    }

    @Transactional(readOnly = true)
    public List<Silence> recent() {
        return silences.findTop50ByOrderByIdDesc().stream().map(SilenceRow::silence).toList();
    }

    /** The active silence that covers this finding, if any. */
    @Transactional(readOnly = true)
    public Optional<Silence> covering(LedgerEntry finding) {
        return active().stream().filter(s -> s.matches(finding)).findFirst();
    }

    private static String trim(String s, int max, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        if (t.length() > max) {
            throw new BadSilence(field, "longer than " + max + " characters");
        }
        if (t.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw new BadSilence(field, "contains control characters");
        }
        return t;
    }
}

package org.maildrift.alerts;

import java.time.Instant;
import java.util.Locale;

import org.maildrift.checks.LedgerEntry;

/**
 * A silence: findings whose rule, host and subject match (an empty matcher matches anything; the
 * subject may use {@code *} for any run of characters) are not e-mailed until it ends. They stay
 * visible everywhere else.
 */
public record Silence(long id, String rule, String host, String subject, String reason, String createdBy,
        Instant createdAt, Instant endsAt, Instant endedAt, String endedBy) {

    public boolean activeAt(Instant now) {
        return endedAt == null && endsAt.isAfter(now);
    }

    public boolean matches(LedgerEntry f) {
        return matches(f.rule(), f.host(), f.subject());
    }

    public boolean matches(String findingRule, String findingHost, String findingSubject) {
        return (blank(rule) || rule.equals(findingRule))
                && (blank(host) || findingHost != null && host.equalsIgnoreCase(findingHost))
                && (blank(subject) || glob(subject.toLowerCase(Locale.ROOT),
                        findingSubject == null ? "" : findingSubject.toLowerCase(Locale.ROOT)));
    }

    /** The matchers as people read them. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (!blank(rule)) {
            b.append("rule=").append(rule);
        }
        if (!blank(host)) {
            b.append(b.length() > 0 ? " " : "").append("host=").append(host);
        }
        if (!blank(subject)) {
            b.append(b.length() > 0 ? " " : "").append("subject=").append(subject);
        }
        return b.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** {@code *} matches any run of characters; everything else literally. */
    static boolean glob(String pattern, String text) {
        return org.maildrift.files.Glob.matches(pattern, text, false);
    }
}

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
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}

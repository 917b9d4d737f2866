package org.maildrift.rules;

import java.util.Comparator;
import java.util.List;

/**
 * One piece of drift: the rule and severity, the host (null when DNS alone is at fault), the subject,
 * message, evidence chain, fix, the file and line to change (may be null), and the DNS views it was seen
 * in. {@link #key()} is stable across runs and identifies the same drift in the history.
 */
public record Finding(String rule, Severity severity, String host, String subject, String message,
        List<String> evidence, String fix, Location location, List<String> views) {

    /** Most severe first, then rule ID, subject and host. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::rule).thenComparing(Finding::subject)
            .thenComparing(f -> f.host() == null ? "" : f.host());

    public Finding {
        evidence = List.copyOf(evidence);
        views = List.copyOf(views);
    }

    public String key() {
        return rule + "|" + (host == null ? "" : host) + "|" + subject;
    }
}

package org.maildrift.rules;

import java.util.List;

/**
 * What a rule reports, before the engine stamps its ID and severity: the host concerned (null when the
 * drift is in DNS alone), the subject (the name or setting at fault), a message, the evidence chain as
 * typed steps, and the fix; {@code severity} overrides the rule's default when the evidence decides it.
 */
public record Drift(String host, String subject, String message, List<Step> steps, Fix fix, Severity severity) {

    public Drift {
        steps = List.copyOf(steps);
    }

    /** Drift at the rule's own severity. */
    public Drift(String host, String subject, String message, List<Step> steps, Fix fix) {
        this(host, subject, message, steps, fix, null);
    }

    /**
     * The same drift at another severity, where the evidence decides it (an MTA-STS policy in testing mode
     * makes senders report, not refuse). Null keeps the rule's default.
     */
    public Drift at(Severity other) {
        return new Drift(host, subject, message, steps, fix, other);
    }
}

package org.maildrift.rules;

import java.util.List;

/**
 * What a rule reports, before the engine stamps its ID and severity: the host concerned (null when the
 * drift is in DNS alone), the subject (the name or setting at fault), a message, the evidence chain as
 * typed steps, and the fix.
 */
public record Drift(String host, String subject, String message, List<Step> steps, Fix fix) {

    public Drift {
        steps = List.copyOf(steps);
    }
}

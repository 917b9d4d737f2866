package org.maildrift.rules;

import java.util.List;

/**
 * What a rule reports, before the engine stamps its ID and severity: the host concerned (null when the
 * drift is in DNS alone), the subject (the name or setting at fault), a message, the evidence chain,
 * a concrete fix and, when known, the file and line to change.
 */
public record Drift(String host, String subject, String message, List<String> evidence, String fix,
        Location location) {

    public Drift {
        evidence = List.copyOf(evidence);
    }
}

package org.maildrift.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The result of one check: findings (sorted by {@link Finding#ORDER}) and the conclusions not reached. */
public record CheckReport(List<Finding> findings, List<Inconclusive> inconclusive) {

    public CheckReport {
        findings = List.copyOf(findings);
        inconclusive = List.copyOf(inconclusive);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** critical, warning, notice, info and inconclusive counts, in that order. */
    public Map<String, Long> summary() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            m.put(s.label(), count(s));
        }
        m.put("inconclusive", (long) inconclusive.size());
        return m;
    }

    public boolean anyAtLeast(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
    }

    public List<String> ruleIds() {
        return findings.stream().map(Finding::rule).distinct().sorted().toList();
    }
}

package org.maildrift.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one check: findings (sorted by {@link Finding#ORDER}), the conclusions not reached, and for each
 * of those the rules that could not reach it ({@code sources}; none for a lookup the collection itself lost).
 */
public record CheckReport(List<Finding> findings, List<Inconclusive> inconclusive,
        Map<Inconclusive, java.util.Set<String>> sources) {

    public CheckReport {
        findings = List.copyOf(findings);
        inconclusive = List.copyOf(inconclusive);
        sources = sources == null ? Map.of() : Map.copyOf(sources);
    }

    /** A report whose conclusions not reached are not traced to rules. */
    public CheckReport(List<Finding> findings, List<Inconclusive> inconclusive) {
        this(findings, inconclusive, Map.of());
    }

    /** The rules that could not reach this conclusion (empty when the collection lost it). */
    public java.util.Set<String> rulesOf(Inconclusive i) {
        return sources.getOrDefault(i, java.util.Set.of());
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

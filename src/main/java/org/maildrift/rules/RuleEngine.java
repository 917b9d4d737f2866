package org.maildrift.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.maildrift.rules.catalog.RuleCatalog;

/**
 * Runs rules (every catalogued one: {@code RuleCatalog.engine()}) over the evidence of each DNS view, stamps ID and severity on what they
 * report, merges the same drift seen in several views, and collects what could not be concluded.
 */
public final class RuleEngine {

    private final List<Rule> rules;

    public RuleEngine(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** A rule's {@link RuleDefinition}; a rule without one is a programming error. */
    public static RuleDefinition definition(Rule rule) {
        RuleDefinition d = rule.getClass().getAnnotation(RuleDefinition.class);
        if (d == null) {
            throw new IllegalStateException(rule.getClass().getName() + " has no @RuleDefinition");
        }
        return d;
    }

    public CheckReport run(List<Evidence> views) {
        Map<String, Finding> findings = new LinkedHashMap<>();
        Set<Inconclusive> inconclusive = new LinkedHashSet<>();
        Map<Inconclusive, Set<String>> sources = new LinkedHashMap<>();
        for (Evidence evidence : views) {
            inconclusive.addAll(evidence.gaps());
            for (Rule rule : rules) {
                RuleDefinition def = definition(rule);
                Findings sink = new Findings();
                try {
                    rule.check(evidence, sink);
                } catch (InconclusiveException e) {
                    sink.inconclusive(e.inconclusive());
                }
                for (Drift d : sink.drifts()) {
                    Location loc = d.fix().location() == null ? null
                            : new Location(evidence.tidy(d.fix().location().file()), d.fix().location().line());
                    Finding f = new Finding(def.id(), d.severity() != null ? d.severity() : def.severity(), d.host(), evidence.tidy(d.subject()),
                            evidence.tidy(d.message()), d.steps().stream().map(s -> s.map(evidence::tidy)).toList(),
                            new Fix(evidence.tidy(d.fix().words()), loc, d.fix().action()), List.of(evidence.view()));
                    findings.merge(f.key(), f, RuleEngine::mergeViews);
                }
                inconclusive.addAll(sink.inconclusiveResults());
                for (Inconclusive i : sink.inconclusiveResults()) {
                    sources.computeIfAbsent(i, k -> new java.util.TreeSet<>()).add(def.id());
                }
            }
        }
        List<Finding> sorted = new ArrayList<>(findings.values());
        sorted.sort(Finding.ORDER);
        List<Inconclusive> open = new ArrayList<>(inconclusive);
        open.sort(Comparator.comparing(Inconclusive::name).thenComparing(Inconclusive::type)
                .thenComparing(i -> i.view() == null ? "" : i.view())
                .thenComparing(i -> i.server() == null ? "" : i.server()));
        return new CheckReport(sorted, open, sources);
    }

    private static Finding mergeViews(Finding a, Finding b) {
        List<String> views = new ArrayList<>(a.views());
        b.views().stream().filter(v -> !views.contains(v)).forEach(views::add);
        return new Finding(a.rule(), a.severity(), a.host(), a.subject(), a.message(), a.steps(), a.remedy(), views);
    }
}

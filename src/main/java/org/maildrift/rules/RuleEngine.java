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
 * {@link #index} runs them one subject at a time, recording what each subject's result depends on, so that
 * a changed estate can be checked again by re-running only what the change touches ({@link RuleIndex}).
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

    List<Rule> rules() {
        return rules;
    }

    /** What one rule reported on one view (or on one subject of it), stamped. */
    record Output(List<Finding> findings, List<Inconclusive> inconclusive) {
        static final Output NONE = new Output(List.of(), List.of());
    }

    public CheckReport run(List<Evidence> views) {
        List<List<Output>> outputs = new ArrayList<>();
        for (Evidence evidence : views) {
            List<Output> perRule = new ArrayList<>();
            for (Rule rule : rules) {
                perRule.add(run(rule, definition(rule), evidence));
            }
            outputs.add(perRule);
        }
        return assemble(views, outputs);
    }

    /** Runs the rules one subject at a time on each view, recording what each result read. */
    public RuleIndex index(List<Evidence> views) {
        return RuleIndex.build(this, views);
    }

    static Output run(Rule rule, RuleDefinition def, Evidence evidence) {
        Findings sink = new Findings();
        try {
            rule.check(evidence, sink);
        } catch (InconclusiveException e) {
            sink.inconclusive(e.inconclusive());
        }
        if (sink.drifts().isEmpty() && sink.inconclusiveResults().isEmpty()) {
            return Output.NONE;
        }
        List<Finding> out = new ArrayList<>(sink.drifts().size());
        for (Drift d : sink.drifts()) {
            Location loc = d.fix().location() == null ? null
                    : new Location(evidence.tidy(d.fix().location().file()), d.fix().location().line());
            out.add(new Finding(def.id(), d.severity() != null ? d.severity() : def.severity(), d.host(), evidence.tidy(d.subject()),
                    evidence.tidy(d.message()), d.steps().stream().map(s -> s.map(evidence::tidy)).toList(),
                    new Fix(evidence.tidy(d.fix().words()), loc, d.fix().action()), List.of(evidence.view())));
        }
        return new Output(out, List.copyOf(sink.inconclusiveResults()));
    }

    /** The report from each view's outputs, one per rule in rule order; the same whether run whole or by subject. */
    CheckReport assemble(List<Evidence> views, List<List<Output>> outputs) {
        Map<String, Finding> findings = new LinkedHashMap<>();
        Set<Inconclusive> inconclusive = new LinkedHashSet<>();
        Map<Inconclusive, Set<String>> sources = new LinkedHashMap<>();
        for (int v = 0; v < views.size(); v++) {
            inconclusive.addAll(views.get(v).gaps());
            List<Output> perRule = outputs.get(v);
            for (int r = 0; r < rules.size(); r++) {
                Output o = perRule.get(r);
                String id = definition(rules.get(r)).id();
                for (Finding f : o.findings()) {
                    findings.merge(f.key(), f, RuleEngine::mergeViews);
                }
                inconclusive.addAll(o.inconclusive());
                for (Inconclusive i : o.inconclusive()) {
                    sources.computeIfAbsent(i, k -> new java.util.TreeSet<>()).add(id);
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

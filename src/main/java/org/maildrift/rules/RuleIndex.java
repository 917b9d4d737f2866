package org.maildrift.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.maildrift.rules.RuleDefinition.Scope;

/**
 * The rules' results on the current evidence, one subject at a time, each with what it read
 * ({@link Evidence.Reads}): for a rule of scope {@link Scope#WATCHED} one result per watched name, for
 * {@link Scope#HOSTS} one per host, otherwise one for the view. {@link #rerun} checks a changed estate by
 * re-running a rule only for the subjects whose reads the change touches (and for subjects that are new),
 * keeping the other results; the report is the one a whole run of the changed estate gives.
 */
public final class RuleIndex {

    private record Item(RuleEngine.Output output, Evidence.Reads reads) {
    }

    /**
     * One view: per rule its whole result (ESTATE) or its results by position in the view's watched names or
     * hosts; and per watched name and per host what any rule read for it, to pass over untouched subjects at once.
     */
    private record View(Evidence evidence, Evidence recorder, Scope[] scopes, Item[] whole, Item[][] bySubject,
            Evidence.Reads[] anyByName, Evidence.Reads[] anyByHost) {
    }

    private final RuleEngine engine;
    private final List<View> views;
    private final CheckReport report;

    private RuleIndex(RuleEngine engine, List<View> views) {
        this.engine = engine;
        this.views = views;
        List<List<RuleEngine.Output>> outputs = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (View view : views) {
            evidence.add(view.evidence());
            List<RuleEngine.Output> perRule = new ArrayList<>();
            for (int r = 0; r < view.scopes().length; r++) {
                if (view.scopes()[r] == Scope.ESTATE) {
                    perRule.add(view.whole()[r].output());
                } else {
                    List<RuleEngine.Output> parts = new ArrayList<>();
                    for (Item item : view.bySubject()[r]) {
                        parts.add(item.output());
                    }
                    perRule.add(concat(parts));
                }
            }
            outputs.add(perRule);
        }
        this.report = engine.assemble(evidence, outputs);
    }

    static RuleIndex build(RuleEngine engine, List<Evidence> views) {
        List<View> out = new ArrayList<>();
        List<Rule> rules = engine.rules();
        for (Evidence view : views) {
            Evidence rec = view.recording();
            List<Evidence.Watched> watched = view.watched();
            List<Evidence.HostConfig> hosts = view.hosts();
            Scope[] scopes = new Scope[rules.size()];
            Item[] whole = new Item[rules.size()];
            Item[][] bySubject = new Item[rules.size()][];
            List<List<Evidence.Reads>> readByName = new ArrayList<>();
            List<List<Evidence.Reads>> readByHost = new ArrayList<>();
            for (int i = 0; i < watched.size(); i++) {
                readByName.add(new ArrayList<>());
            }
            for (int i = 0; i < hosts.size(); i++) {
                readByHost.add(new ArrayList<>());
            }
            for (int r = 0; r < rules.size(); r++) {
                Rule rule = rules.get(r);
                RuleDefinition def = RuleEngine.definition(rule);
                scopes[r] = def.scope();
                switch (def.scope()) {
                    case WATCHED -> {
                        Item[] items = new Item[watched.size()];
                        for (int i = 0; i < items.length; i++) {
                            Evidence.Reads reads = new Evidence.Reads();
                            items[i] = new Item(RuleEngine.run(rule, def, rec.focusOn(watched.get(i), null, reads)), reads.compact());
                            readByName.get(i).add(reads);
                        }
                        bySubject[r] = items;
                    }
                    case HOSTS -> {
                        Item[] items = new Item[hosts.size()];
                        for (int i = 0; i < items.length; i++) {
                            Evidence.Reads reads = new Evidence.Reads();
                            items[i] = new Item(RuleEngine.run(rule, def, rec.focusOn(null, hosts.get(i), reads)), reads.compact());
                            readByHost.get(i).add(reads);
                        }
                        bySubject[r] = items;
                    }
                    case ESTATE -> {
                        Evidence.Reads reads = new Evidence.Reads();
                        whole[r] = new Item(RuleEngine.run(rule, def, rec.whole(reads)), reads.compact());
                    }
                }
            }
            Evidence.Reads[] anyByName = new Evidence.Reads[watched.size()];
            for (int i = 0; i < anyByName.length; i++) {
                anyByName[i] = new Evidence.Reads().union(readByName.get(i));
            }
            Evidence.Reads[] anyByHost = new Evidence.Reads[hosts.size()];
            for (int i = 0; i < anyByHost.length; i++) {
                anyByHost[i] = new Evidence.Reads().union(readByHost.get(i));
            }
            out.add(new View(view, rec, scopes, whole, bySubject, anyByName, anyByHost));
        }
        return new RuleIndex(engine, out);
    }

    /** The report on the current evidence: the same as {@link RuleEngine#run} gives. */
    public CheckReport report() {
        return report;
    }

    /**
     * True when what view {@code v} says of the route of {@code name} (its chain, targets, addresses and their
     * owners, and whether the hosts reached accept it) may differ under {@code delta}. The route was followed
     * while the rules ran, so this reads what that recorded.
     */
    public boolean routeTouched(int v, String name, Evidence.Delta delta) {
        Evidence.Reads reads = new Evidence.Reads();
        Evidence rec = views.get(v).recorder().whole(reads);
        try {
            Route route = rec.route(name);
            for (String h : rec.hostsReached(route)) {
                rec.host(h);
            }
        } catch (InconclusiveException e) {
            // what it read up to the failure is recorded
        }
        return reads.touches(delta);
    }

    /**
     * The report on {@code proposed} (the same views, changed as {@code deltas} say): each rule re-run for the
     * subjects whose recorded reads a delta touches and for subjects the current evidence does not have.
     */
    public CheckReport rerun(List<Evidence> proposed, List<Evidence.Delta> deltas) {
        if (proposed.size() != views.size()) {
            return engine.run(proposed);
        }
        List<List<RuleEngine.Output>> outputs = new ArrayList<>();
        List<Rule> rules = engine.rules();
        for (int v = 0; v < proposed.size(); v++) {
            View view = views.get(v);
            Evidence p = proposed.get(v);
            Evidence.Delta delta = deltas.get(v);
            List<Evidence.Watched> names = p.watched();
            List<Evidence.HostConfig> hosts = p.hosts();
            // where each proposed subject was in the current evidence (-1: new), and whether anything read for it changed
            int[] namePos = positions(names, view.evidence().watched());
            int[] hostPos = positions(hosts.stream().map(Evidence.HostConfig::id).toList(),
                    view.evidence().hosts().stream().map(Evidence.HostConfig::id).toList());
            boolean[] nameTouched = new boolean[names.size()];
            for (int i = 0; i < namePos.length; i++) {
                nameTouched[i] = namePos[i] < 0 || view.anyByName()[namePos[i]].touches(delta);
            }
            boolean[] hostTouched = new boolean[hosts.size()];
            for (int i = 0; i < hostPos.length; i++) {
                hostTouched[i] = hostPos[i] < 0 || view.anyByHost()[hostPos[i]].touches(delta);
            }
            List<RuleEngine.Output> perRule = new ArrayList<>();
            for (int r = 0; r < rules.size(); r++) {
                Rule rule = rules.get(r);
                RuleDefinition def = RuleEngine.definition(rule);
                Item[] items = view.bySubject()[r];
                perRule.add(switch (view.scopes()[r]) {
                    case ESTATE -> view.whole()[r].reads().touches(delta) ? RuleEngine.run(rule, def, p) : view.whole()[r].output();
                    case WATCHED -> {
                        List<RuleEngine.Output> parts = new ArrayList<>(names.size());
                        for (int i = 0; i < names.size(); i++) {
                            Item item = namePos[i] < 0 ? null : items[namePos[i]];
                            parts.add(item != null && (!nameTouched[i] || !item.reads().touches(delta)) ? item.output()
                                    : RuleEngine.run(rule, def, p.focusOn(names.get(i), null, null)));
                        }
                        yield concat(parts);
                    }
                    case HOSTS -> {
                        List<RuleEngine.Output> parts = new ArrayList<>(hosts.size());
                        for (int i = 0; i < hosts.size(); i++) {
                            Item item = hostPos[i] < 0 ? null : items[hostPos[i]];
                            parts.add(item != null && (!hostTouched[i] || !item.reads().touches(delta)) ? item.output()
                                    : RuleEngine.run(rule, def, p.focusOn(null, hosts.get(i), null)));
                        }
                        yield concat(parts);
                    }
                });
            }
            outputs.add(perRule);
        }
        return engine.assemble(proposed, outputs);
    }

    /** For each of {@code now}, its position in {@code before} (the first, when listed twice), or -1. */
    private static <T> int[] positions(List<T> now, List<T> before) {
        int[] out = new int[now.size()];
        if (now.equals(before)) {
            for (int i = 0; i < out.length; i++) {
                out[i] = i;
            }
            return out;
        }
        Map<T, Integer> at = new HashMap<>();
        for (int i = before.size() - 1; i >= 0; i--) {
            at.put(before.get(i), i);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = at.getOrDefault(now.get(i), -1);
        }
        return out;
    }

    private static RuleEngine.Output concat(List<RuleEngine.Output> parts) {
        int findings = 0;
        int inconclusive = 0;
        for (RuleEngine.Output o : parts) {
            findings += o.findings().size();
            inconclusive += o.inconclusive().size();
        }
        if (findings == 0 && inconclusive == 0) {
            return RuleEngine.Output.NONE;
        }
        List<Finding> f = new ArrayList<>(findings);
        List<Inconclusive> i = new ArrayList<>(inconclusive);
        for (RuleEngine.Output o : parts) {
            f.addAll(o.findings());
            i.addAll(o.inconclusive());
        }
        return new RuleEngine.Output(f, i);
    }
}

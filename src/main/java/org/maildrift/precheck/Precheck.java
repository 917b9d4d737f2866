package org.maildrift.precheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.maildrift.dns.model.CnameHop;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.RecordType;
import org.maildrift.mta.postfix.tables.TableAccess;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.InconclusiveException;
import org.maildrift.rules.RuleEngine;
import org.maildrift.rules.RuleIndex;
import org.maildrift.rules.Step;
import org.maildrift.rules.catalog.RuleCatalog;

/**
 * A pre-change check: the rules run on the current evidence and on the evidence as a change set would
 * leave it; what the change introduces, resolves and leaves unchanged; for each introduced finding a fix
 * as change-set entries where one can be derived (and always the finding's own fix text, with the file
 * and line); and a verdict on the change plus those fixes, checked by running the rules again.
 */
public final class Precheck {

    /** Rounds of fixes tried: a fix may reveal what the finding it fixes had hidden. */
    private static final int ROUNDS = 3;

    private final RuleEngine engine;
    private final Function<String, Optional<Path>> pushed;
    private final Function<String, TableAccess> tables;
    private java.time.Clock clock = java.time.Clock.systemUTC();
    private boolean full;

    public Precheck(RuleEngine engine, Function<String, Optional<Path>> pushed) {
        this(engine, pushed, host -> TableAccess.NONE);
    }

    /** {@code tables} gives each host's database tables (the collector's), for re-reading a proposed config. */
    public Precheck(RuleEngine engine, Function<String, Optional<Path>> pushed, Function<String, TableAccess> tables) {
        this.engine = engine;
        this.pushed = pushed;
        this.tables = tables;
    }

    public static Precheck withCatalog() {
        return new Precheck(RuleCatalog.engine(), h -> Optional.empty());
    }

    /** A fix for introduced findings (keys): change-set entries when derivable, and the finding's fix text. */
    public record Suggestion(Change change, List<String> findings, String text) {
        public Suggestion {
            findings = List.copyOf(findings);
        }
    }

    /** A watched name whose route the change alters: how mail for it travels before and after, per view. */
    public record ChainChange(String name, String view, List<String> before, List<String> after) {
        public ChainChange {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }
    }

    /** The change plus the suggested entries: clean when it introduces nothing; what it still would. */
    public record Verdict(boolean clean, List<Change> changes, List<Finding> remaining) {
        public Verdict {
            changes = List.copyOf(changes);
            remaining = List.copyOf(remaining);
        }
    }

    public record Result(List<Finding> introduced, List<Finding> resolved, List<Finding> unchanged,
            List<Inconclusive> inconclusive, List<Suggestion> suggestions, Verdict verdict, List<ChainChange> chains) {
        public Result {
            introduced = List.copyOf(introduced);
            resolved = List.copyOf(resolved);
            unchanged = List.copyOf(unchanged);
            inconclusive = List.copyOf(inconclusive);
            suggestions = List.copyOf(suggestions);
            chains = List.copyOf(chains);
        }
    }

    /**
     * Runs the rules on the current evidence as well, one subject at a time, recording what each result
     * depends on; the proposed estate is then checked by re-running only what the change touches.
     */
    public Result run(List<Evidence> current, List<Change> changes) throws ChangeSetException {
        RuleIndex index = full ? null : engine.index(current);
        return run(current, index == null ? engine.run(current) : index.report(), index, changes);
    }

    /** {@code before} is the report of the current evidence (a check already made). */
    public Result run(List<Evidence> current, CheckReport before, List<Change> changes) throws ChangeSetException {
        return run(current, before, full ? null : engine.index(current), changes);
    }

    /** {@code index} is the current evidence checked by subject ({@link RuleEngine#index}), made once for several prechecks. */
    public Result run(List<Evidence> current, RuleIndex index, List<Change> changes) throws ChangeSetException {
        return run(current, index.report(), full ? null : index, changes);
    }

    /**
     * The same check re-running every rule on the whole proposed estate, each time: what the incremental
     * check must equal (its tests compare both), and a way out should it ever be wrong.
     */
    public Precheck fullReEvaluation() {
        this.full = true;
        return this;
    }

    private CheckReport check(RuleIndex index, Proposal.Applied applied) {
        return index == null ? engine.run(applied.views()) : index.rerun(applied.views(), applied.deltas());
    }

    private Result run(List<Evidence> current, CheckReport before, RuleIndex index, List<Change> changes)
            throws ChangeSetException {
        Proposal proposal = new Proposal(current, pushed, tables);
        Proposal.Applied applied = proposal.applied(changes);
        List<Evidence> proposed = applied.views();
        CheckReport after = check(index, applied);

        Map<String, Finding> was = byKey(before.findings());
        Map<String, Finding> now = byKey(after.findings());
        List<Finding> introduced = new ArrayList<>();
        List<Finding> unchanged = new ArrayList<>();
        for (Finding f : after.findings()) {
            (was.containsKey(f.key()) ? unchanged : introduced).add(f);
        }
        List<Finding> resolved = before.findings().stream().filter(f -> !now.containsKey(f.key())).toList();
        Set<String> knownGaps = new LinkedHashSet<>();
        before.inconclusive().forEach(i -> knownGaps.add(gapKey(i)));
        List<Inconclusive> newGaps = after.inconclusive().stream().filter(i -> !knownGaps.contains(gapKey(i))).toList();

        List<Suggestion> suggestions = new ArrayList<>();
        List<Change> accepted = new ArrayList<>();
        List<Finding> open = introduced;
        List<Evidence> fixedEvidence = proposed;
        Set<String> addressed = new LinkedHashSet<>();
        for (int round = 0; round < ROUNDS && !open.isEmpty(); round++) {
            boolean progress = false;
            for (Finding f : open) {
                if (!addressed.add(f.key())) {
                    continue;
                }
                Optional<Change> fix = Fixes.forFinding(f, changes, fixedEvidence.get(0));
                Suggestion s = merge(suggestions, fix.orElse(null), f, fix.map(proposal::explain).orElse(words(f)));
                if (s != null && s.change() != null && accepted.stream().noneMatch(c -> c.yaml().equals(s.change().yaml()))
                        && applies(proposal, changes, accepted, s.change())) {
                    accepted.add(s.change());
                    progress = true;
                }
            }
            if (!progress) {
                break;
            }
            Proposal.Applied fixedApplied = proposal.applied(concat(changes, accepted));
            fixedEvidence = fixedApplied.views();
            CheckReport fixed = check(index, fixedApplied);
            open = fixed.findings().stream().filter(f -> !was.containsKey(f.key())).toList();
        }
        List<Finding> remaining = open;
        if (!accepted.isEmpty() && open == introduced) {
            remaining = check(index, proposal.applied(concat(changes, accepted))).findings().stream()
                    .filter(f -> !was.containsKey(f.key())).toList();
        }
        Verdict verdict = new Verdict(remaining.isEmpty(), accepted, remaining);
        // a fix by hand for a finding that the entries fix anyway is not needed
        Set<String> left = new LinkedHashSet<>();
        remaining.forEach(f -> left.add(f.key()));
        if (!accepted.isEmpty()) {
            suggestions.removeIf(s -> s.change() == null && s.findings().stream().noneMatch(left::contains));
        }
        return new Result(introduced, resolved, unchanged, newGaps, suggestions, verdict,
                chains(current, proposed, index, applied.deltas()));
    }

    /**
     * A finding's fix in words; for a policy that must list a new MX, with the date from which the MX is safe
     * if the policy and its id change now (senders keep a cached policy for max_age).
     */
    private String words(Finding f) {
        if (f.remedy().action() instanceof Fix.Action.RefreshStsPolicy sts) {
            java.time.Instant safe = clock.instant().plusSeconds(sts.maxAgeSeconds())
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            return f.fix() + ". Publish the new policy and id before " + sts.exchange() + " goes into DNS: changed now, "
                    + "every sender has it from " + safe + " (now + max_age " + sts.maxAgeSeconds() + " s)";
        }
        return f.fix();
    }

    /** The same check with another clock (the date a refreshed MTA-STS policy reaches every sender). */
    public Precheck withClock(java.time.Clock other) {
        this.clock = other;
        return this;
    }

    /** Adds the finding to the suggestion with the same change (or its own); null when it is already there. */
    private static Suggestion merge(List<Suggestion> suggestions, Change change, Finding f, String text) {
        for (int i = 0; i < suggestions.size(); i++) {
            Suggestion s = suggestions.get(i);
            if (change != null && s.change() != null && s.change().yaml().equals(change.yaml())) {
                List<String> keys = new ArrayList<>(s.findings());
                keys.add(f.key());
                suggestions.set(i, new Suggestion(s.change(), keys, s.text()));
                return null;
            }
        }
        Suggestion s = new Suggestion(change, List.of(f.key()), text);
        suggestions.add(s);
        return s;
    }

    private static boolean applies(Proposal proposal, List<Change> changes, List<Change> accepted, Change candidate) {
        try {
            List<Change> all = concat(changes, accepted);
            all.add(candidate);
            proposal.apply(all);
            return true;
        } catch (ChangeSetException e) {
            return false;
        }
    }

    private static List<Change> concat(List<Change> a, List<Change> b) {
        List<Change> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Map<String, Finding> byKey(List<Finding> findings) {
        Map<String, Finding> out = new LinkedHashMap<>();
        findings.forEach(f -> out.put(f.key(), f));
        return out;
    }

    private static String gapKey(Inconclusive i) {
        return i.name() + "|" + i.type() + "|" + i.outcome() + "|" + i.server() + "|" + i.view();
    }

    /**
     * Every watched name whose route differs, per view. With an index, a name watched before and after whose
     * route, owners and accepting hosts read nothing the change alters is the same and is not followed again.
     */
    private static List<ChainChange> chains(List<Evidence> current, List<Evidence> proposed, RuleIndex index,
            List<Evidence.Delta> deltas) {
        List<ChainChange> out = new ArrayList<>();
        for (int v = 0; v < current.size(); v++) {
            Evidence before = current.get(v);
            Evidence after = proposed.get(v);
            Set<String> names = new LinkedHashSet<>();
            before.watched().forEach(w -> names.add(w.name()));
            Set<String> both = new java.util.HashSet<>();
            after.watched().forEach(w -> {
                if (!names.add(w.name())) {
                    both.add(w.name());
                }
            });
            for (String n : names) {
                if (index != null && both.contains(n) && !index.routeTouched(v, n, deltas.get(v))) {
                    continue;
                }
                List<String> b = describe(before, n);
                List<String> a = describe(after, n);
                if (!a.equals(b)) {
                    out.add(new ChainChange(n, before.view(), b, a));
                }
            }
        }
        return out;
    }

    private static List<String> describe(Evidence e, String name) {
        try {
            List<String> lines = new ArrayList<>(e.describe(e.route(name)).stream().map(Step::text).toList());
            List<String> hosts = e.hostsReached(e.route(name));
            for (String h : hosts) {
                lines.add("host " + h + (e.accepts(h, name) ? " accepts " : " does not accept ") + name);
            }
            return lines;
        } catch (InconclusiveException x) {
            Inconclusive i = x.inconclusive();
            return List.of("not known: " + i.name() + " " + i.type() + " " + i.outcome());
        }
    }

    /** Fixes that can be written as change-set entries. */
    static final class Fixes {

        private Fixes() {
        }

        /**
         * The change-set entry for a finding's fix action. A rename in the change set turns "accept the new
         * name" or "drop the old one" into setting the host's own name, where the host's own name is the
         * renamed one; an alias left dangling by a rename is pointed at the new name.
         */
        static Optional<Change> forFinding(Finding f, List<Change> changes, Evidence proposed) {
            Fix.Action action = f.remedy().action();
            if (action == null) {
                return Optional.empty();
            }
            List<Change.RenameHost> renames = changes.stream().filter(c -> c instanceof Change.RenameHost)
                    .map(c -> (Change.RenameHost) c).toList();
            if (action instanceof Fix.Action.AcceptName a) {
                String own = ownName(proposed, a.host());
                for (Change.RenameHost r : renames) {
                    if (same(r.to(), a.name()) && same(r.from(), own)) {
                        return Optional.of(new Change.SetHostname(a.host(), r.to(), ""));
                    }
                }
                return Optional.of(new Change.AcceptName(a.host(), a.name(), ""));
            }
            if (action instanceof Fix.Action.DropName d) {
                String own = ownName(proposed, d.host());
                for (Change.RenameHost r : renames) {
                    if (same(r.from(), d.name()) && same(r.from(), own)) {
                        return Optional.of(new Change.SetHostname(d.host(), r.to(), ""));
                    }
                }
                return Optional.of(new Change.DropName(d.host(), d.name(), ""));
            }
            if (action instanceof Fix.Action.ConfirmHostname c) {
                for (Change.RenameHost r : renames) {
                    if (same(r.from(), c.name())) {
                        return Optional.of(new Change.SetHostname(c.host(), r.to(), ""));
                    }
                }
                return Optional.empty();
            }
            if (!(action instanceof Fix.Action.RepointAlias alias)) {
                return Optional.empty();
            }
            for (Change.RenameHost r : renames) {
                DnsAnswer a = proposed.answer(alias.name(), RecordType.A);
                for (CnameHop hop : a.chain()) {
                    if (DnsNames.canonical(hop.target()).equals(DnsNames.canonical(r.from()))) {
                        return Optional.of(new Change.SetCname(DnsNames.relative(hop.alias()), r.to(), ""));
                    }
                }
            }
            return Optional.empty();
        }

        private static String ownName(Evidence proposed, String host) {
            return host == null || proposed.host(host) == null ? null : proposed.host(host).names().ownName();
        }

        private static boolean same(String a, String b) {
            return a != null && b != null && DnsNames.canonical(a).equals(DnsNames.canonical(b));
        }
    }
}

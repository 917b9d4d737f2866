package org.maildrift.checks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.Severity;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The findings ledger. Each run's outcome is written in one transaction: the run, every finding's new
 * state and what the run observed of it. Drift is confirmed (PENDING → OPEN) after
 * {@code confirmations} consecutive observations and resolved (OPEN → RESOLVED) after as many
 * consecutive absences. A finding whose conclusion was inconclusive in a run is UNKNOWN there: its
 * state and streaks stay as they were and "unknown since" is set. A finding that changed state four
 * times within its last twenty observations is flapping.
 */
@Service
public class FindingLedger {

    /** Pages past this are refused (400): the offset must stay far inside what a database query takes. */
    public static final int MAX_PAGE = 10_000;


    private final RunRepository runs;
    private final FindingRepository findings;
    private final ObservationRepository observations;
    private final InconclusiveRepository inconclusives;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    @jakarta.persistence.PersistenceContext
    private jakarta.persistence.EntityManager entityManager;

    FindingLedger(RunRepository runs, FindingRepository findings, ObservationRepository observations,
            InconclusiveRepository inconclusives, Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.runs = runs;
        this.findings = findings;
        this.observations = observations;
        this.inconclusives = inconclusives;
        this.clock = clock;
    }

    /** What a finished check hands to the ledger; {@code blind} is what it could not see at all. */
    public record Outcome(Instant startedAt, String trigger, String inventory, CheckReport report, int lookups,
            List<BlindSpot> blind) {
        public Outcome {
            blind = List.copyOf(blind);
        }

        public Outcome(Instant startedAt, String trigger, String inventory, CheckReport report, int lookups) {
            this(startedAt, trigger, inventory, report, lookups, List.of());
        }
    }

    /** Records a completed run and moves every finding on; returns the stored run. */
    @Transactional
    public RunSummary record(Outcome outcome, int confirmations) {
        // every row this run touches is loaded up front; queries must not flush thousands of managed rows each
        entityManager.setFlushMode(jakarta.persistence.FlushModeType.COMMIT);
        try {
            return recordRun(outcome, confirmations);
        } finally {
            entityManager.flush();
            entityManager.setFlushMode(jakarta.persistence.FlushModeType.AUTO);
        }
    }

    private RunSummary recordRun(Outcome outcome, int confirmations) {
        Instant now = clock.instant();
        CheckReport report = outcome.report();
        RunRow run = new RunRow(outcome.startedAt(), now, outcome.trigger(), outcome.inventory(), "COMPLETED");
        run.critical = (int) report.count(Severity.CRITICAL);
        run.warning = (int) report.count(Severity.WARNING);
        run.notice = (int) report.count(Severity.NOTICE);
        run.info = (int) report.count(Severity.INFO);
        run.inconclusive = report.inconclusive().size();
        run.lookups = outcome.lookups();
        runs.save(run);
        for (Inconclusive i : report.inconclusive()) {
            inconclusives.save(new InconclusiveRow(run.id, cut(i.name(), 512), cut(i.type(), 16), cut(i.outcome(), 64),
                    cut(i.server(), 256), cut(i.view(), 256), cut(i.reason(), 4000)));
        }
        List<RunRecorded.Change> changes = new ArrayList<>();
        List<FindingRow> openAfter = new ArrayList<>();
        Map<String, Finding> present = new LinkedHashMap<>();
        report.findings().forEach(f -> present.put(f.key(), f));
        Map<String, FindingRow> active = new HashMap<>();
        findings.findByStateIn(EnumSet.of(FindingState.PENDING, FindingState.OPEN)).forEach(r -> active.put(r.key, r));
        Map<String, FindingRow> earlier = new HashMap<>();
        List<String> unknownKeys = present.keySet().stream().filter(k -> !active.containsKey(k)).toList();
        for (int i = 0; i < unknownKeys.size(); i += 500) {
            findings.findByKeyIn(unknownKeys.subList(i, Math.min(unknownKeys.size(), i + 500)))
                    .forEach(r -> earlier.put(r.key, r));
        }

        for (Finding f : present.values()) {
            FindingRow row = active.remove(f.key());
            if (row == null) {
                row = earlier.getOrDefault(f.key(), null);
            }
            if (row == null) {
                row = new FindingRow(f.key(), now);
            }
            boolean changed = FindingLifecycle.seen(row, now, confirmations);
            copy(f, row);
            if (changed) {
                run.opened++;
            }
            findings.save(row);
            observe(run, row, Observed.PRESENT, changed, String.join(FindingRow.SEPARATOR, f.evidence()), changes);
            if (changed) {
                changes.add(new RunRecorded.Change(RunRecorded.Kind.OPENED, row.entry()));
            }
            if (row.state == FindingState.OPEN) {
                openAfter.add(row);
            }
        }
        for (FindingRow row : active.values()) {
            boolean changed = false;
            Observed observed;
            if (FindingLifecycle.inconclusiveFor(row, report.inconclusive())) {
                observed = Observed.UNKNOWN;
                FindingLifecycle.unknown(row, now);
            } else {
                observed = Observed.ABSENT;
                changed = FindingLifecycle.missing(row, now, confirmations);
                if (changed) {
                    run.resolved++;
                }
            }
            findings.save(row);
            observe(run, row, observed, changed, null, changes);
            if (changed) {
                changes.add(new RunRecorded.Change(RunRecorded.Kind.RESOLVED, row.entry()));
            }
            if (row.state == FindingState.OPEN) {
                openAfter.add(row);
            }
        }
        // a finding that flapped and then stayed away is observed too, so that its flapping can end
        for (FindingRow row : findings.findByFlappingTrueAndStateIn(EnumSet.of(FindingState.RESOLVED,
                FindingState.DISMISSED))) {
            if (!present.containsKey(row.key)) {
                observe(run, row, Observed.ABSENT, false, null, changes);
            }
        }
        runs.save(run);
        RunSummary summary = run.summary();
        events.publishEvent(new RunRecorded(summary, now, openAfter.stream().map(FindingRow::entry).toList(), changes,
                outcome.blind()));
        return summary;
    }

    /** Records a run that could not check at all (unreadable inventory): nothing else changes. */
    @Transactional
    public RunSummary recordFailure(Instant startedAt, String trigger, String inventory, String error) {
        Instant now = clock.instant();
        RunRow run = new RunRow(startedAt, now, trigger, inventory, "FAILED");
        run.error = cut(error, 4000);
        RunSummary summary = runs.save(run).summary();
        List<LedgerEntry> open = findings.findByStateIn(EnumSet.of(FindingState.OPEN)).stream().map(FindingRow::entry)
                .toList();
        events.publishEvent(new RunRecorded(summary, now, open, List.of(), List.of(BlindSpot.inventory(error))));
        return summary;
    }

    /**
     * Stores what the run observed; re-judges flapping when the state changed or the finding flaps
     * (so that it can stop), and notes when flapping starts or stops.
     */
    private void observe(RunRow run, FindingRow row, Observed observed, boolean changed, String evidence,
            List<RunRecorded.Change> changes) {
        observations.save(new ObservationRow(run.id, row.id, observed, row.state, changed, evidence));
        if (changed || row.flapping) {
            long recent = observations.findByFindingIdOrderByRunIdDesc(row.id,
                    PageRequest.of(0, FindingLifecycle.FLAP_WINDOW)).stream().filter(o -> o.changed).count();
            boolean was = row.flapping;
            row.flapping = FindingLifecycle.flapping(recent);
            if (was != row.flapping) {
                findings.save(row);
                changes.add(new RunRecorded.Change(
                        row.flapping ? RunRecorded.Kind.FLAPPING_STARTED : RunRecorded.Kind.FLAPPING_STOPPED,
                        row.entry()));
            }
        }
    }

    private static void copy(Finding f, FindingRow row) {
        row.rule = f.rule();
        row.severity = f.severity().label();
        row.severityRank = f.severity().ordinal();
        row.host = f.host();
        row.subject = cut(f.subject(), 512);
        row.message = cut(f.message(), 4000);
        row.fix = cut(f.fix(), 4000);
        row.evidence = cut(String.join(FindingRow.SEPARATOR, f.evidence()), 65536);
        row.evidenceKinds = cut(String.join(FindingRow.SEPARATOR,
                f.steps().stream().map(s -> s.kind() + "\t" + s.label()).toList()), 65536);
        row.dependsOn = cut(String.join(FindingRow.SEPARATOR, f.dependsOn()), 65536);
        row.locationFile = f.location() == null ? null : cut(f.location().file(), 1024);
        row.locationLine = f.location() == null ? null : f.location().line();
        row.views = cut(String.join(",", f.views()), 1024);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    // ---- queries (read-only, records out) ----

    /** Filters for the findings list; null means any. */
    public record Filter(Set<FindingState> states, String severity, String rule, String host) {
        public static Filter open() {
            return new Filter(EnumSet.of(FindingState.OPEN), null, null, null);
        }

        /**
         * The filters as the API and the pages take them: states (each may be a comma list; {@code all};
         * open when none), a severity, a rule ID, a host id; empty means any. A bad value throws
         * {@link BadFilter} naming the field.
         */
        public static Filter parse(List<String> states, String severity, String rule, String host) {
            Set<FindingState> wanted = EnumSet.noneOf(FindingState.class);
            for (String given : states == null || states.isEmpty() ? List.of("open") : states) {
                for (String s : given.split(",")) {
                    if (s.equals("all")) {
                        wanted.addAll(EnumSet.allOf(FindingState.class));
                        continue;
                    }
                    try {
                        wanted.add(FindingState.valueOf(s.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new BadFilter("state", s, "one of pending, open, resolved, dismissed, all");
                    }
                }
            }
            if (severity != null && !severity.isEmpty()) {
                try {
                    Severity.parse(severity);
                } catch (IllegalArgumentException e) {
                    throw new BadFilter("severity", severity, "one of critical, warning, notice, info");
                }
            }
            if (rule != null && !rule.isEmpty()
                    && org.maildrift.rules.catalog.RuleCatalog.definitions().stream().noneMatch(d -> d.id().equals(rule))) {
                throw new BadFilter("rule", rule, "a rule ID");
            }
            return new Filter(wanted, empty(severity), empty(rule), empty(host));
        }

        private static String empty(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    /** A filter or paging value the list does not take; names the field. */
    public static final class BadFilter extends RuntimeException {
        private final String field;

        public BadFilter(String field, String value, String expected) {
            super(field + ": '" + value + "' is not valid; expected " + expected, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    @Transactional(readOnly = true)
    public Page<LedgerEntry> findings(Filter filter, Pageable page) {
        Specification<FindingRow> spec = (root, q, cb) -> cb.conjunction();
        if (filter.states() != null && !filter.states().isEmpty()) {
            spec = spec.and((root, q, cb) -> root.get("state").in(filter.states()));
        }
        if (filter.severity() != null) {
            spec = spec.and((root, q, cb) -> cb.equal(root.get("severity"), filter.severity()));
        }
        if (filter.rule() != null) {
            spec = spec.and((root, q, cb) -> cb.equal(root.get("rule"), filter.rule()));
        }
        if (filter.host() != null) {
            spec = spec.and((root, q, cb) -> cb.equal(root.get("host"), filter.host()));
        }
        Pageable sorted = PageRequest.of(page.getPageNumber(), page.getPageSize(),
                Sort.by(Sort.Order.asc("severityRank"), Sort.Order.asc("rule"), Sort.Order.asc("subject"),
                        Sort.Order.asc("id")));
        return findings.findAll(spec, sorted).map(FindingRow::entry);
    }

    @Transactional(readOnly = true)
    public Optional<LedgerEntry> finding(long id) {
        return findings.findById(id).map(FindingRow::entry);
    }

    /** The history of one finding, newest run first. */
    public record HistoryItem(long runId, Instant at, Observed observed, FindingState stateAfter, boolean changed) {
    }

    @Transactional(readOnly = true)
    public List<HistoryItem> history(long findingId, int max) {
        List<ObservationRow> seen = observations.findByFindingIdOrderByRunIdDesc(findingId, PageRequest.of(0, max));
        Map<Long, Instant> startedAt = new HashMap<>();
        runs.findAllById(seen.stream().map(o -> o.runId).toList()).forEach(r -> startedAt.put(r.id, r.startedAt));
        List<HistoryItem> out = new ArrayList<>();
        for (ObservationRow o : seen) {
            out.add(new HistoryItem(o.runId, startedAt.get(o.runId), o.observed, o.stateAfter, o.changed));
        }
        return out;
    }

    @Transactional(readOnly = true)
    public Page<RunSummary> runs(Pageable page) {
        return runs.findAllByOrderByIdDesc(page).map(RunRow::summary);
    }

    @Transactional(readOnly = true)
    public Optional<RunSummary> run(long id) {
        return runs.findById(id).map(RunRow::summary);
    }

    @Transactional(readOnly = true)
    public Optional<RunSummary> lastRun() {
        return runs.findFirstByOrderByIdDesc().map(RunRow::summary);
    }

    @Transactional(readOnly = true)
    public List<Inconclusive> inconclusive(long runId) {
        return inconclusives.findByRunId(runId).stream()
                .map(r -> new Inconclusive(r.name, r.type, r.outcome, r.server, r.view, r.reason)).toList();
    }

    /** Open findings per severity, most severe first (every severity present, zero or not). */
    @Transactional(readOnly = true)
    public Map<String, Long> openBySeverity() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            out.put(s.label(), 0L);
        }
        for (Object[] row : findings.countBySeverity(FindingState.OPEN)) {
            out.put((String) row[0], (Long) row[1]);
        }
        return out;
    }

    /** Open findings per host and severity: host id → severity → count (hosts without any are absent). */
    @Transactional(readOnly = true)
    public Map<String, Map<String, Long>> openByHost() {
        Map<String, Map<String, Long>> out = new HashMap<>();
        for (Object[] row : findings.countByHostAndSeverity(FindingState.OPEN)) {
            if (row[0] != null) {
                out.computeIfAbsent((String) row[0], k -> new HashMap<>()).put((String) row[1], (Long) row[2]);
            }
        }
        return out;
    }

    @Transactional(readOnly = true)
    public Map<String, Long> openByRule() {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Object[] row : findings.countByRule(FindingState.OPEN)) {
            out.put((String) row[0], (Long) row[1]);
        }
        return out;
    }

    /** Findings one run saw and another did not, both ways. */
    public record RunDiff(long from, long to, List<LedgerEntry> appeared, List<LedgerEntry> disappeared) {
    }

    /** What run {@code to} saw that run {@code from} did not, and the other way round. */
    @Transactional(readOnly = true)
    public RunDiff diff(long from, long to) {
        java.util.Set<Long> before = present(from);
        java.util.Set<Long> after = present(to);
        List<LedgerEntry> appeared = entries(after.stream().filter(id -> !before.contains(id)).toList());
        List<LedgerEntry> disappeared = entries(before.stream().filter(id -> !after.contains(id)).toList());
        java.util.Comparator<LedgerEntry> order = java.util.Comparator.comparing(LedgerEntry::rule)
                .thenComparing(LedgerEntry::subject);
        appeared.sort(order);
        disappeared.sort(order);
        return new RunDiff(from, to, appeared, disappeared);
    }

    private java.util.Set<Long> present(long runId) {
        java.util.Set<Long> out = new java.util.TreeSet<>();
        for (ObservationRow o : observations.findByRunId(runId)) {
            if (o.observed == Observed.PRESENT) {
                out.add(o.findingId);
            }
        }
        return out;
    }

    /** The completed run before {@code runId}, if any. */
    @Transactional(readOnly = true)
    public Optional<RunSummary> previousCompleted(long runId) {
        return runs.findFirstByStatusAndIdLessThanOrderByIdDesc("COMPLETED", runId).map(RunRow::summary);
    }

    /** What changed in one run: the findings it opened or resolved. */
    @Transactional(readOnly = true)
    public List<LedgerEntry> changedIn(long runId) {
        return entries(observations.findByRunId(runId).stream().filter(o -> o.changed).map(o -> o.findingId).toList());
    }

    /** The findings with these ids (those that exist), in the order given. */
    @Transactional(readOnly = true)
    public List<LedgerEntry> findings(java.util.Collection<Long> ids) {
        return entries(List.copyOf(ids));
    }

    /** The findings with these ids, in one query per 500, in the order given. */
    private List<LedgerEntry> entries(List<Long> ids) {
        Map<Long, FindingRow> rows = new HashMap<>();
        for (int i = 0; i < ids.size(); i += 500) {
            findings.findAllById(ids.subList(i, Math.min(ids.size(), i + 500))).forEach(r -> rows.put(r.id, r));
        }
        return new ArrayList<>(ids.stream().map(rows::get).filter(java.util.Objects::nonNull).map(FindingRow::entry)
                .toList());
    }
}

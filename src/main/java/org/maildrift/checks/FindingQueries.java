package org.maildrift.checks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * What the ledger knows, read only, as records: findings by filter and by id with their history, runs
 * and what each changed, counts of open findings, and what two runs saw differently.
 */
@Service
public class FindingQueries {

    /** Pages past this are refused (400): the offset must stay far inside what a database query takes. */
    public static final int MAX_PAGE = 10_000;

    private final RunRepository runs;
    private final FindingRepository findings;
    private final ObservationRepository observations;
    private final InconclusiveRepository inconclusives;

    FindingQueries(RunRepository runs, FindingRepository findings, ObservationRepository observations,
            InconclusiveRepository inconclusives) {
        this.runs = runs;
        this.findings = findings;
        this.observations = observations;
        this.inconclusives = inconclusives;
    }


    /** Filters for the findings list; null means any (the web binds them from FindingFilter). */
    public record Filter(Set<FindingState> states, String severity, String rule, String host) {
        public static Filter open() {
            return new Filter(EnumSet.of(FindingState.OPEN), null, null, null);
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

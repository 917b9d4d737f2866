package org.maildrift.checks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.Severity;
import org.springframework.data.domain.PageRequest;
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

    /** Rows per JDBC batch. */
    private static final int BATCH = 500;


    private final RunRepository runs;
    private final FindingRepository findings;
    private final ObservationRepository observations;
    private final InconclusiveRepository inconclusives;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final LedgerWrites writes;
    @jakarta.persistence.PersistenceContext
    private jakarta.persistence.EntityManager entityManager;

    FindingLedger(RunRepository runs, FindingRepository findings, ObservationRepository observations,
            InconclusiveRepository inconclusives, Clock clock,
            org.springframework.context.ApplicationEventPublisher events, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
        this.writes = new LedgerWrites(jdbc);
        this.runs = runs;
        this.findings = findings;
        this.observations = observations;
        this.inconclusives = inconclusives;
        this.clock = clock;
    }

    /** What a finished check hands to the ledger; {@code blind} is what it could not see at all. */
    public record Outcome(Instant startedAt, String trigger, String inventory, CheckReport report, int lookups,
            List<BlindSpot> blind, List<org.maildrift.accept.AcceptedDeviations.Suppressed> accepted) {
        public Outcome {
            blind = List.copyOf(blind);
            accepted = accepted == null ? List.of() : List.copyOf(accepted);
        }

        public Outcome(Instant startedAt, String trigger, String inventory, CheckReport report, int lookups,
                List<BlindSpot> blind) {
            this(startedAt, trigger, inventory, report, lookups, blind, List.of());
        }

        public Outcome(Instant startedAt, String trigger, String inventory, CheckReport report, int lookups) {
            this(startedAt, trigger, inventory, report, lookups, List.of(), List.of());
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
        // rows only ever added go in JDBC batches (Hibernate cannot batch inserts of identity keys), on the
        // transaction's own connection
        jdbc.batchUpdate("insert into run_inconclusive (run_id, name, qtype, outcome, server, view_name, reason)"
                + " values (?, ?, ?, ?, ?, ?, ?)", report.inconclusive(), BATCH, (ps, i) -> {
                    ps.setLong(1, run.id);
                    ps.setString(2, cut(i.name(), 512));
                    ps.setString(3, cut(i.type(), 16));
                    ps.setString(4, cut(i.outcome(), 64));
                    ps.setString(5, cut(i.server(), 256));
                    ps.setString(6, cut(i.view(), 256));
                    ps.setString(7, cut(i.reason(), 4000));
                });
        List<LedgerWrites.Observation> observed = new ArrayList<>();
        List<RunRecorded.Change> changes = new ArrayList<>();
        List<FindingRow> openAfter = new ArrayList<>();
        Map<String, Finding> present = new LinkedHashMap<>();
        report.findings().forEach(f -> present.put(f.key(), f));
        // suppressed by an accepted deviation: still in the ledger and on the dashboard, marked, never alerted
        Map<String, String> acceptedBy = new HashMap<>();
        for (org.maildrift.accept.AcceptedDeviations.Suppressed s : outcome.accepted()) {
            if (s.finding() != null && present.putIfAbsent(s.finding().key(), s.finding()) == null) {
                acceptedBy.put(s.finding().key(), s.by() + ": " + s.reason() + (s.owner() == null ? ""
                        : " (" + s.owner() + ", until " + s.expires() + ")"));
            }
        }
        Map<String, FindingRow> active = new HashMap<>();
        findings.findByStateIn(EnumSet.of(FindingState.PENDING, FindingState.OPEN)).forEach(r -> active.put(r.key, r));
        Map<String, FindingRow> earlier = new HashMap<>();
        List<String> unknownKeys = writes.stored(present.keySet().stream().filter(k -> !active.containsKey(k)).toList());
        for (int i = 0; i < unknownKeys.size(); i += 500) {
            findings.findByKeyIn(unknownKeys.subList(i, Math.min(unknownKeys.size(), i + 500)))
                    .forEach(r -> earlier.put(r.key, r));
        }

        // stored rows whose content this run leaves as it was: only their lifecycle columns are written, in bulk
        // (Hibernate would write every column, the evidence text too, for the counters that changed)
        List<FindingRow> countersOnly = new ArrayList<>();
        // on PostgreSQL new rows are inserted as arrays with ids taken from the sequence now (observations need them)
        List<FindingRow> fresh = new ArrayList<>();
        java.util.PrimitiveIterator.OfLong freshIds = writes.findingIds((int) present.keySet().stream()
                .filter(k -> !active.containsKey(k) && !earlier.containsKey(k)).count());
        for (Finding f : present.values()) {
            FindingRow row = active.remove(f.key());
            if (row == null) {
                row = earlier.getOrDefault(f.key(), null);
            }
            List<Object> before = row == null ? null : LedgerWrites.content(row);
            if (row == null) {
                row = new FindingRow(f.key(), now);
                fresh.add(row);
            }
            boolean changed = FindingLifecycle.seen(row, now, confirmations);
            copy(f, row);
            row.acceptedBy = cut(acceptedBy.get(f.key()), 1000);
            if (before != null && before.equals(LedgerWrites.content(row))) {
                countersOnly.add(row);
            }
            if (changed) {
                run.opened++;
            }
            if (row.id == null) { // a stored row is managed already: its changes are flushed or written below
                if (freshIds != null) {
                    row.id = freshIds.nextLong();
                } else {
                    entityManager.persist(row);
                }
            }
            observe(observed, row, Observed.PRESENT, changed, String.join(FindingRow.SEPARATOR, f.evidence()), changes);
            if (changed) {
                changes.add(new RunRecorded.Change(RunRecorded.Kind.OPENED, row.entry()));
            }
            if (row.state == FindingState.OPEN) {
                openAfter.add(row);
            }
        }
        for (FindingRow row : active.values()) {
            boolean changed = false;
            Observed seen;
            if (FindingLifecycle.inconclusiveFor(row, report.inconclusive())) {
                seen = Observed.UNKNOWN;
                FindingLifecycle.unknown(row, now);
            } else {
                seen = Observed.ABSENT;
                changed = FindingLifecycle.missing(row, now, confirmations);
                if (changed) {
                    run.resolved++;
                }
            }
            countersOnly.add(row);
            observe(observed, row, seen, changed, null, changes);
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
                observe(observed, row, Observed.ABSENT, false, null, changes);
            }
        }
        // new finding rows get their ids from the sequence and are inserted at the flush: before the observations
        countersOnly.forEach(entityManager::detach);
        entityManager.flush();
        if (freshIds != null) {
            writes.insertFindings(fresh);
        }
        writes.counters(countersOnly);
        writes.observations(run.id, observed);
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
    private void observe(List<LedgerWrites.Observation> observed, FindingRow row, Observed seen, boolean changed, String evidence,
            List<RunRecorded.Change> changes) {
        observed.add(new LedgerWrites.Observation(row.id, seen, row.state, changed, evidence));
        // a finding that changed state fewer than FLAP_CHANGES times in all cannot flap: its history is not read
        if ((changed || row.flapping) && (row.flapping || row.transitions >= FindingLifecycle.FLAP_CHANGES)) {
            // this run's observation is written with the others at the end: the window is the stored ones before it
            long recent = observations.findByFindingIdOrderByRunIdDesc(row.id,
                    PageRequest.of(0, FindingLifecycle.FLAP_WINDOW - 1)).stream().filter(o -> o.changed).count()
                    + (changed ? 1 : 0);
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
}

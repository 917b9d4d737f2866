package org.maildrift.checks;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;

import org.maildrift.accept.AcceptedDeviations;
import org.maildrift.collect.CollectionException;
import org.maildrift.collect.EvidenceCollector;
import org.maildrift.inventory.Inventory;
import org.maildrift.inventory.InventoryException;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.catalog.RuleCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs one check: reads the inventory afresh (so edits take effect on the next run), collects the
 * evidence, runs the rules and hands the report to the ledger. Runs never overlap: a run asked for
 * while one is going is refused, not queued.
 */
@Service
public class CheckRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

    private final CheckProperties properties;
    private final FindingLedger ledger;
    private final FindingQueries queries;
    private final Clock clock;
    private final CheckMetrics metrics;
    private final RunLease lease;
    private final EstateEvidence estateEvidence;
    private final Acceptances acceptances;
    private volatile FileAccepted fileAccepted = new FileAccepted(null, AcceptedDeviations.NONE, null);
    private final ReentrantLock running = new ReentrantLock();
    private volatile EstateView estate;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "maildrift-check");
        t.setDaemon(true);
        return t;
    });

    CheckRunner(CheckProperties properties, FindingLedger ledger, FindingQueries queries, Clock clock,
            CheckMetrics metrics, RunLease lease,
            EstateEvidence estateEvidence, Acceptances acceptances) {
        this.estateEvidence = estateEvidence;
        this.acceptances = acceptances;
        this.properties = properties;
        this.ledger = ledger;
        this.queries = queries;
        this.clock = clock;
        this.metrics = metrics;
        this.lease = lease;
    }

    public Path inventoryFile() {
        return properties.inventory();
    }

    /**
     * {@code maildrift-accepted.yml} as the last check read it: its path (null when there is none), its deviations,
     * and why it could not be used (then it suppressed nothing), or null.
     */
    public record FileAccepted(Path file, AcceptedDeviations deviations, String error) {
    }

    public FileAccepted fileAccepted() {
        return fileAccepted;
    }

    /** The estate as the last completed check saw it; empty before the first. */
    public Optional<EstateView> estate() {
        return Optional.ofNullable(estate);
    }

    public boolean isRunning() {
        return running.isLocked();
    }

    /**
     * Runs a check now on the calling thread; empty when another run is going, here or in another
     * instance sharing the database.
     */
    public Optional<RunSummary> runNow(String trigger) {
        if (!running.tryLock()) {
            return Optional.empty();
        }
        try {
            if (!lease.acquire(properties.lease())) {
                LOG.info("check ({}) skipped: another instance is checking ({})", trigger, lease.describe());
                return Optional.empty();
            }
            try {
                return Optional.of(check(trigger));
            } finally {
                lease.release();
            }
        } finally {
            running.unlock();
        }
    }

    /** Starts a check in the background; false when one is already going. */
    public boolean start(String trigger) {
        if (isRunning()) {
            return false;
        }
        background.submit(() -> runNow(trigger));
        return true;
    }

    private RunSummary check(String trigger) {
        Instant started = clock.instant();
        String file = properties.inventory().toString();
        try {
            Inventory inventory = estateEvidence.inventory();
            CheckReport report;
            int lookups;
            List<BlindSpot> blind = new java.util.ArrayList<>();
            java.util.Map<String, Long> outcomes = new java.util.TreeMap<>();
            try (EvidenceCollector collector = estateEvidence.collector(inventory)) {
                List<Evidence> evidence = collector.collect();
                report = RuleCatalog.engine().run(evidence);
                lookups = evidence.stream().mapToInt(Evidence::answerCount).sum();
                evidence.forEach(e -> e.outcomeCounts().forEach((k, v) -> outcomes.merge(k, v, Long::sum)));
                estate = EstateView.of(clock.instant(), inventory, evidence);
                blind = blindSpots(evidence);
            }
            // the deviations accepted beside the inventory, then on the dashboard (the file wins where both match):
            // suppressed findings stay in the ledger, marked, unalerted
            Instant now = clock.instant();
            java.time.LocalDate today = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
            AcceptedDeviations all = accepted(inventory).with(acceptances.inForce(today));
            AcceptedDeviations.Applied applied = all.apply(report, today);
            List<org.maildrift.rules.Finding> stale = acceptances.recordUse(all, applied, now);
            CheckReport kept = applied.report();
            if (!stale.isEmpty()) {
                List<org.maildrift.rules.Finding> with = new java.util.ArrayList<>(kept.findings());
                with.addAll(stale);
                with.sort(org.maildrift.rules.Finding.ORDER);
                kept = new CheckReport(with, kept.inconclusive(), kept.sources());
            }
            RunSummary run = ledger.record(new FindingLedger.Outcome(started, trigger, file, kept, lookups,
                    blind, applied.suppressed()), properties.confirmations());
            metrics.recorded(run, outcomes, queries);
            LOG.info("check run {} ({}): {} critical, {} warning, {} notice, {} inconclusive; opened {}, resolved {}",
                    run.id(), trigger, run.critical(), run.warning(), run.notice(), run.inconclusive(), run.opened(),
                    run.resolved());
            return run;
        } catch (InventoryException | CollectionException e) {
            LOG.error("check run ({}) could not check {}: {}", trigger, file, e.getMessage());
            return failed(started, trigger, file, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("check run ({}) failed", trigger, e);
            return failed(started, trigger, file, e.toString());
        }
    }

    /**
     * {@code maildrift-accepted.yml} beside the inventory (docs/check.md): none when there is no such file. A file that
     * cannot be used suppresses nothing, so that nothing is hidden by mistake, and the log says why.
     */
    private AcceptedDeviations accepted(Inventory inventory) {
        Path path = org.maildrift.accept.AcceptedLoader.besides(inventory.file());
        try {
            AcceptedDeviations d = org.maildrift.accept.AcceptedLoader.forInventory(inventory, null);
            fileAccepted = new FileAccepted(d == AcceptedDeviations.NONE ? null : path, d, null);
            return d;
        } catch (org.maildrift.accept.AcceptedLoader.AcceptedException e) {
            LOG.error("accepted deviations not applied: {}", e.getMessage());
            fileAccepted = new FileAccepted(path, AcceptedDeviations.NONE, e.getMessage());
            return AcceptedDeviations.NONE;
        }
    }

    /** The views whose every lookup failed and the hosts whose configuration could not be had. */
    static List<BlindSpot> blindSpots(List<Evidence> evidence) {
        List<BlindSpot> out = new java.util.ArrayList<>();
        for (Evidence e : evidence) {
            if (e.lookupsAllFailed()) {
                out.add(BlindSpot.view(e.view(), "every one of " + e.answerCount() + " lookups failed "
                        + e.outcomeCounts()));
            }
        }
        if (!evidence.isEmpty()) {
            for (org.maildrift.rules.Inconclusive gap : evidence.get(0).gaps()) {
                if (gap.outcome().equals(org.maildrift.dns.model.CheckError.ZONE_UNREADABLE.label())) {
                    out.add(BlindSpot.zone(gap.name(), gap.reason()));
                }
            }
            for (Evidence.HostConfig h : evidence.get(0).hosts()) {
                if (h.names().unreadable()) {
                    out.add(BlindSpot.host(h.id(), h.names().errors().get(0).describe()));
                }
            }
        }
        return out;
    }

    private RunSummary failed(Instant started, String trigger, String file, String error) {
        RunSummary run = ledger.recordFailure(started, trigger, file, error);
        metrics.recorded(run, java.util.Map.of(), queries);
        return run;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}

package org.maildrift.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.maildrift.collect.EvidenceCollector;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.Inventory;
import org.maildrift.precheck.Change;
import org.maildrift.precheck.ChangeSetLoader;
import org.maildrift.precheck.Precheck;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.catalog.RuleCatalog;

/**
 * {@code precheck} on the check benchmark's estate (bench/run-precheck-bench.sh): once the evidence is
 * collected, how long one-entry change sets take, the rules run in full on the proposed evidence (and
 * again for the suggested fixes). The report of the current evidence is a check already made, as in the
 * service; "with before" adds running the rules on the current evidence, as the CLI does. Median of
 * five runs after two warm-ups.
 */
public final class PrecheckBench {

    private static final int WARMUP = 2;
    private static final int RUNS = 5;
    private static final Map<String, String> CHANGES = new java.util.LinkedHashMap<>();

    static {
        CHANGES.put("rename-host", "- rename-host: {from: host7.example.com, to: host7-new.example.com}");
        CHANGES.put("set-cname", "- set-cname: {name: alias0.example.com, target: host1.example.com}");
        CHANGES.put("accept-name", "- accept-name: {host: host0, name: alias0.example.com}");
        CHANGES.put("set-mx", "- set-mx: {domain: dom1.example.com, exchanges: [\"10 host2.example.com\"]}");
    }

    private PrecheckBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {10_000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf("java %s, %d cores; median of %d runs after %d warm-ups, both ways alternating in one JVM%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), RUNS, WARMUP);
        System.out.println("| names | DNS source | change | introduced | resolved | full: precheck ms | full: with before ms"
                + " | incremental: index ms | incremental: precheck ms | incremental: with index ms | same result |");
        System.out.println("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
        CheckBench.forEachEstate(sizes, PrecheckBench::measure);
    }

    private static void measure(int n, String source, Inventory inventory) throws Exception {
        try (EvidenceCollector collector = new EvidenceCollector(inventory,
                new ResolverDnsObserver.Settings(Duration.ofSeconds(5), 2, 256))) {
            List<Evidence> evidence = collector.collect();
            java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-12-03T12:00:00Z"),
                    java.time.ZoneOffset.UTC);
            for (Map.Entry<String, String> c : CHANGES.entrySet()) {
                List<Change> changes = ChangeSetLoader.parse(c.getKey(), c.getValue());
                List<Long> fullAlone = new ArrayList<>();
                List<Long> fullWithBefore = new ArrayList<>();
                List<Long> indexing = new ArrayList<>();
                List<Long> incAlone = new ArrayList<>();
                List<Long> incWithIndex = new ArrayList<>();
                Precheck.Result full = null;
                Precheck.Result incremental = null;
                for (int i = 0; i < WARMUP + RUNS; i++) {
                    long t0 = System.nanoTime();
                    CheckReport before = RuleCatalog.engine().run(evidence);
                    long t1 = System.nanoTime();
                    full = Precheck.withCatalog().withClock(clock).fullReEvaluation().run(evidence, before, changes);
                    long t2 = System.nanoTime();
                    org.maildrift.rules.RuleIndex index = RuleCatalog.engine().index(evidence);
                    long t3 = System.nanoTime();
                    incremental = Precheck.withCatalog().withClock(clock).run(evidence, index, changes);
                    long t4 = System.nanoTime();
                    if (i >= WARMUP) {
                        fullAlone.add(t2 - t1);
                        fullWithBefore.add(t2 - t0);
                        indexing.add(t3 - t2);
                        incAlone.add(t4 - t3);
                        incWithIndex.add(t4 - t2);
                    }
                }
                System.out.printf(Locale.ROOT, "| %,d | %s | %s | %d | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %s |%n", n,
                        source, c.getKey(), full.introduced().size(), full.resolved().size(), median(fullAlone) / 1e6,
                        median(fullWithBefore) / 1e6, median(indexing) / 1e6, median(incAlone) / 1e6,
                        median(incWithIndex) / 1e6, full.equals(incremental) ? "yes" : "NO");
            }
        }
    }

    private static long median(List<Long> v) {
        List<Long> sorted = new ArrayList<>(v);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}

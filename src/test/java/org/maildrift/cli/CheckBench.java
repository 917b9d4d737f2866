package org.maildrift.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.maildrift.collect.EvidenceCollector;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.Inventory;
import org.maildrift.inventory.InventoryLoader;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.catalog.RuleCatalog;
import org.maildrift.testsupport.BindServer;

/**
 * {@code check} over the DNS benchmark's estate (bench/run-check-bench.sh): N watched names (half
 * aliases of one of 200 hosts, half mail domains with an MX to one), 200 Postfix hosts whose
 * mydestination lists the names routed to them (every 97th left out, so there is drift to report),
 * served by BIND on loopback and, separately, read from the zone files. Times evidence collection,
 * rule evaluation and reporting (text and JSON) apart; the median of five runs after two warm-ups.
 */
public final class CheckBench {

    private static final int HOSTS = 200;
    private static final int WARMUP = 2;
    private static final int RUNS = 5;

    private CheckBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {10_000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf("java %s, %d cores; median of %d runs after %d warm-ups%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), RUNS, WARMUP);
        System.out.println("| names | DNS source | lookups | findings | collect ms | rules ms | report ms | rules+report / collect |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
        forEachEstate(sizes, CheckBench::measure);
    }

    /** One measurement of the estate of {@code n} names with DNS from {@code source}. */
    interface Measure {
        void run(int n, String source, Inventory inventory) throws Exception;
    }

    /** For each size: the estate written to a temporary folder, measured from its zone files, then from BIND. */
    static void forEachEstate(int[] sizes, Measure measure) throws Exception {
        for (int n : sizes) {
            Path dir = Files.createTempDirectory("maildrift-checkbench");
            Map<String, String> zones = estate(dir, n);
            Inventory files = InventoryLoader.load(dir.resolve("inventory.yml"));
            measure.run(n, "zone files", files);
            try (BindServer bind = BindServer.start(Files.createDirectories(dir.resolve("bind")), zones)) {
                Inventory live = files.withDns(new Inventory.DnsSources(List.of(),
                        List.of(new Inventory.View("bind", List.of(bind.address()))), List.of()));
                measure.run(n, "BIND, loopback", live);
            }
            try (java.util.stream.Stream<Path> tree = Files.walk(dir)) {
                tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void measure(int n, String source, Inventory inventory) throws Exception {
        List<long[]> samples = new ArrayList<>();
        int findings = 0;
        int lookups = 0;
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long t0 = System.nanoTime();
            List<Evidence> evidence;
            EvidenceCollector collector = new EvidenceCollector(inventory,
                    new ResolverDnsObserver.Settings(Duration.ofSeconds(5), 2, 256));
            try {
                evidence = collector.collect();
                long t1 = System.nanoTime();
                CheckReport report = RuleCatalog.engine().run(evidence);
                long t2 = System.nanoTime();
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                PrintStream out = new PrintStream(sink, false, StandardCharsets.UTF_8);
                out.print(org.maildrift.report.ReportJson.write(org.maildrift.report.CheckJson.of(report)));
                out.print(new CheckText(false).render(report, inventory, evidence));
                out.flush();
                long t3 = System.nanoTime();
                findings = report.findings().size();
                lookups = evidence.stream().mapToInt(Evidence::answerCount).sum();
                if (i >= WARMUP) {
                    samples.add(new long[] {t1 - t0, t2 - t1, t3 - t2});
                }
            } finally {
                collector.close();
            }
        }
        long collect = median(samples, 0);
        long rules = median(samples, 1);
        long report = median(samples, 2);
        System.out.printf(Locale.ROOT, "| %,d | %s | %s | %,d | %.0f | %.0f | %.0f | %.1f%% |%n", n, source,
                String.format(Locale.ROOT, "%,d", lookups), findings, collect / 1e6, rules / 1e6, report / 1e6,
                100.0 * (rules + report) / collect);
    }

    private static long median(List<long[]> samples, int k) {
        long[] v = samples.stream().mapToLong(s -> s[k]).sorted().toArray();
        return v[v.length / 2];
    }

    /** Writes zone files, one main.cf per host and the inventory; returns the zones for BIND. */
    static Map<String, String> estate(Path dir, int n) throws Exception {
        StringBuilder zone = new StringBuilder("$ORIGIN example.com.\n$TTL 300\n"
                + "@ IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300\n  IN NS ns1\nns1 IN A 127.0.0.1\n");
        StringBuilder reverse = new StringBuilder("$ORIGIN 0.10.in-addr.arpa.\n$TTL 300\n"
                + "@ IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300\n  IN NS ns1.example.com.\n");
        List<List<String>> accepted = new ArrayList<>();
        for (int h = 0; h < HOSTS; h++) {
            zone.append("host").append(h).append(" IN A 10.0.").append(h / 250).append('.').append(h % 250 + 1).append('\n');
            reverse.append(h % 250 + 1).append('.').append(h / 250).append(" IN PTR host").append(h).append(".example.com.\n");
            accepted.add(new ArrayList<>());
        }
        StringBuilder names = new StringBuilder();
        StringBuilder domains = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int h = i % HOSTS;
            String name = (i % 2 == 0 ? "alias" : "dom") + i + ".example.com";
            if (i % 2 == 0) {
                zone.append("alias").append(i).append(" IN CNAME host").append(h).append('\n');
                names.append("    - ").append(name).append('\n');
            } else {
                zone.append("dom").append(i).append(" IN MX 10 host").append(h).append('\n');
                domains.append("    - ").append(name).append('\n');
            }
            if (i % 97 != 0) {
                accepted.get(h).add(name);
            }
        }
        Files.createDirectories(dir.resolve("zones"));
        Files.writeString(dir.resolve("zones/example.com.zone"), zone);
        Files.writeString(dir.resolve("zones/0.10.in-addr.arpa.zone"), reverse);
        StringBuilder inv = new StringBuilder("dns:\n  zone-files: [zones/example.com.zone, zones/0.10.in-addr.arpa.zone]\nhosts:\n");
        for (int h = 0; h < HOSTS; h++) {
            Path cf = dir.resolve("host" + h + "/main.cf");
            Files.createDirectories(cf.getParent());
            Files.writeString(cf, "compatibility_level = 3.6\nmyhostname = host" + h + ".example.com\n"
                    + "mydestination = $myhostname, localhost,\n    " + String.join(",\n    ", accepted.get(h)) + "\n");
            inv.append("  - id: host").append(h).append("\n    hostname: host").append(h).append(".example.com\n")
                    .append("    addresses: [10.0.").append(h / 250).append('.').append(h % 250 + 1).append("]\n")
                    .append("    mta: postfix\n    config: host").append(h).append("/main.cf\n");
        }
        inv.append("watch:\n  names:\n").append(names).append("  domains:\n").append(domains);
        Files.writeString(dir.resolve("inventory.yml"), inv);
        return Map.of("example.com", zone.toString(), "0.10.in-addr.arpa", reverse.toString());
    }
}

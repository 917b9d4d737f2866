package org.maildrift.checks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.maildrift.MaildriftApplication;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Location;
import org.maildrift.rules.Severity;
import org.maildrift.testsupport.PostgresServer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recording runs in the findings ledger (bench/run-ledger-bench.sh [h2|postgres] [FINDINGS] [ROUNDS]): the service's
 * context without a web server, on H2 in memory or on a PostgreSQL started on loopback. Each round starts from
 * empty tables and records four runs of N findings with two confirmations: all new (pending), the same again (all
 * open), the same a third time (nothing changes), and one where half are gone and as many are new. Prints the
 * median and the spread of each run over the rounds.
 */
public final class LedgerBench {

    private LedgerBench() {
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        // PostgreSQL plans by table statistics, which autovacuum refreshes within a minute or so of a run: the
        // bench's runs follow each other at once, so "analyze" refreshes them between runs, as it would
        boolean analyze = db.equals("postgres") && !(args.length > 3 && args[3].equals("no-analyze"));
        List<String> props = new ArrayList<>(List.of("--server.port=0",
                "--maildrift.checks.at-startup=false", "--maildrift.checks.interval=1000d",
                "--logging.level.root=WARN"));
        if (db.equals("postgres")) {
            PostgresServer pg = PostgresServer.shared();
            props.addAll(List.of("--spring.datasource.url=" + pg.jdbcUrl(), "--spring.datasource.username=maildrift",
                    "--spring.datasource.password="));
        } else {
            props.add("--spring.datasource.url=jdbc:h2:mem:ledger-bench;DB_CLOSE_DELAY=-1");
        }
        ConfigurableApplicationContext ctx = SpringApplication.run(MaildriftApplication.class,
                props.toArray(String[]::new));
        try {
            FindingLedger ledger = ctx.getBean(FindingLedger.class);
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            List<Finding> first = findings(0, n);
            List<Finding> shifted = new ArrayList<>(first.subList(n / 2, n));
            shifted.addAll(findings(n, n / 2));
            String[] names = {"all new", "all confirmed (opened)", "unchanged", "half gone, half new"};
            List<List<Finding>> runs = List.of(first, first, first, shifted);
            long[][] ms = new long[runs.size()][rounds + 1];
            for (int r = 0; r <= rounds; r++) { // round 0 warms up
                for (String t : List.of("alert_notice_item", "alert_notice", "alert_finding", "finding_observation",
                        "run_inconclusive", "finding", "check_run", "acceptance_use")) {
                    jdbc.update("delete from " + t);
                }
                for (int i = 0; i < runs.size(); i++) {
                    if (analyze) {
                        jdbc.execute("analyze finding");
                    }
                    long t0 = System.nanoTime();
                    ledger.record(new FindingLedger.Outcome(Instant.now(), "bench", "bench",
                            new CheckReport(runs.get(i), List.of()), 0), 2);
                    ms[i][r] = (System.nanoTime() - t0) / 1_000_000;
                }
            }
            System.out.printf(Locale.ROOT, "ledger on %s, %,d findings, %d rounds after one warm-up%s%n", db, n, rounds,
                    analyze ? ", statistics analyzed before each run" : "");
            System.out.println("| run | median ms | min ms | max ms |");
            System.out.println("|---|---:|---:|---:|");
            for (int i = 0; i < runs.size(); i++) {
                long[] m = Arrays.copyOfRange(ms[i], 1, rounds + 1);
                Arrays.sort(m);
                System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d |%n", names[i], m[m.length / 2], m[0],
                        m[m.length - 1]);
            }
        } finally {
            ctx.close();
        }
    }

    /** Findings like a check's: a few evidence lines, a fix with a location, one view. */
    static List<Finding> findings(int from, int count) {
        List<Finding> out = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            out.add(new Finding("routed-name-not-accepted", i % 7 == 0 ? Severity.WARNING : Severity.CRITICAL,
                    "host" + (i % 200), "name" + i + ".example.com", "mail for name" + i + ".example.com is routed to"
                    + " host" + (i % 200) + ", which does not accept it",
                    List.of("name" + i + ".example.com MX 10 host" + (i % 200) + ".example.com",
                            "host" + (i % 200) + ".example.com A 192.0.2." + (i % 200),
                            "host host" + (i % 200) + " does not accept name" + i + ".example.com"),
                    "add name" + i + ".example.com to mydestination", new Location("host" + (i % 200) + "/main.cf", 4),
                    List.of("zone-files")));
        }
        return out;
    }
}

package org.maildrift.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.maildrift.MaildriftApplication;
import org.maildrift.checks.CheckRunner;
import org.maildrift.checks.FindingLedger;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Location;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.catalog.RuleCatalog;
import org.maildrift.security.Role;
import org.maildrift.security.UserAccounts;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dashboard latency with 10,000 open findings (bench/run-dashboard-bench.sh): the service in this JVM
 * on H2, 20 concurrent clients (each logged in through the form once, like a browser with its session
 * cookie), each asking the overview, the findings list and a filtered later page.
 * Prints p50/p95/p99 per page after a warm-up.
 */
public final class DashboardBench {

    private static final int FINDINGS = 10_000;
    private static final int CLIENTS = 20;
    private static final int REQUESTS_PER_CLIENT = 100;

    private DashboardBench() {
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext ctx = SpringApplication.run(MaildriftApplication.class, "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:dashboard-bench;DB_CLOSE_DELAY=-1", "--maildrift.checks.at-startup=false",
                "--maildrift.checks.interval=1000d", "--logging.level.root=WARN");
        try {
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            ctx.getBean(UserAccounts.class).save("bench", "bench-password-123", Role.VIEWER);
            ctx.getBean(CheckRunner.class).runNow("bench");
            FindingLedger ledger = ctx.getBean(FindingLedger.class);
            List<Finding> many = findings();
            for (int i = 0; i < 2; i++) {
                long t = System.nanoTime();
                ledger.record(new FindingLedger.Outcome(Instant.now(), "bench", "bench", new CheckReport(many,
                        List.of()), 0), 2);
                System.out.printf(Locale.ROOT, "ledger: recording a run with %,d findings took %.1f s%n", FINDINGS,
                        (System.nanoTime() - t) / 1e9);
            }
            String base = "http://localhost:" + port;
            List<String> pages = List.of("/", "/findings", "/findings?severity=warning&page=20");
            for (String page : pages) {
                run(base, page, 1, 200);
            }
            System.out.printf("%,d open findings, %d clients × %d requests per page%n", FINDINGS, CLIENTS,
                    REQUESTS_PER_CLIENT);
            System.out.println("| page | requests | p50 ms | p95 ms | p99 ms | requests/s |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (String page : pages) {
                long t0 = System.nanoTime();
                long[] lat = run(base, page, CLIENTS, REQUESTS_PER_CLIENT);
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "| `%s` | %,d | %.1f | %.1f | %.1f | %,.0f |%n", page, lat.length,
                        pct(lat, 50), pct(lat, 95), pct(lat, 99), lat.length / secs);
            }
        } finally {
            ctx.close();
        }
    }

    private static List<Finding> findings() {
        List<RuleDefinition> rules = RuleCatalog.definitions();
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < FINDINGS; i++) {
            RuleDefinition r = rules.get(i % rules.size());
            out.add(new Finding(r.id(), r.severity(), "host" + (i % 200), "name" + i + ".example.com",
                    "bench finding " + i, List.of("alias" + i + ".example.com CNAME host" + (i % 200) + ".example.com",
                            "host" + (i % 200) + ".example.com A 10.0.0." + (i % 200 + 1) + " = host host" + (i % 200)),
                    "add name" + i + ".example.com to mydestination", new Location("host/main.cf", 4),
                    List.of("zone-files")));
        }
        return out;
    }

    /** A browser-like client: logs in through the form once, then uses its session cookie. */
    private static HttpClient loggedIn(String base) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String body = "username=bench&password=bench-password-123&_csrf=" + m.group(1);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("login failed: " + r.statusCode());
        }
        return http;
    }

    private static long[] run(String base, String page, int clients, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        String url = base + page;
        for (int c = 0; c < clients; c++) {
            HttpClient http = loggedIn(base);
            futures.add(pool.submit(() -> {
                long[] lat = new long[each];
                for (int i = 0; i < each; i++) {
                    long t = System.nanoTime();
                    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(url + ": " + r.statusCode());
                    }
                    lat[i] = System.nanoTime() - t;
                }
                return lat;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            for (long l : f.get()) {
                all.add(l);
            }
        }
        pool.shutdown();
        return all.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}

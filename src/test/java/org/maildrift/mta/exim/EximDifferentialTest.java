package org.maildrift.mta.exim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.Acceptance;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.Verdict;
import org.maildrift.testsupport.EximRunner;

/**
 * Generated Exim configurations, each read by maildrift and run by the real exim4 4.96 in a private
 * namespace (host mail.example.com, 192.0.2.10 on loopback): whether Exim starts, the local_domains list as
 * {@code -bP +local_domains} prints it after macros, includes and conditionals, the verdict of
 * {@code match_domain} for 34 domains, and where {@code -bt} routes them (local delivery exactly where
 * maildrift says local). Replay one case with {@code -Dmaildrift.exim.seed=N}.
 */
class EximDifferentialTest {

    static final int CASES = Integer.getInteger("maildrift.exim.cases", 320);
    static final String HOSTS = "127.0.0.1\tlocalhost\n192.0.2.10\tmail.example.com mail\n";

    private static final AtomicInteger YES = new AtomicInteger();
    private static final AtomicInteger UNKNOWN = new AtomicInteger();
    private static final AtomicInteger RCPTS = new AtomicInteger();

    @TempDir
    Path work;

    @Test
    void readerAgreesWithRealExim() throws Exception {
        EximRunner exim = EximRunner.create(work.resolve("exim"));
        Long only = Long.getLong("maildrift.exim.seed");
        List<Long> seeds = new ArrayList<>();
        if (only != null) {
            seeds.add(only);
        } else {
            for (long s = 1; s <= CASES; s++) {
                seeds.add(s * 7919L);
            }
        }
        List<String> disagreements = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger verdicts = new AtomicInteger();
        AtomicInteger routes = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (long seed : seeds) {
                futures.add(pool.submit(() -> {
                    try {
                        compare(exim, seed, disagreements, refused, verdicts, routes);
                    } catch (Exception e) {
                        disagreements.add("seed " + seed + ": " + e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf("exim differential: %d configurations (%d refused by Exim), %d match_domain verdicts"
                + " (%d yes, %d deferred), %d routes, %d RCPT replies, %d disagreements%n", seeds.size(), refused.get(),
                verdicts.get(), YES.get(), UNKNOWN.get(), routes.get(), RCPTS.get(), disagreements.size());
        assertThat(disagreements).as(String.join("\n\n", disagreements.subList(0, Math.min(5, disagreements.size()))))
                .isEmpty();
        if (only == null) {
            assertThat(refused.get()).as("some generated configurations are refused").isGreaterThan(10);
            assertThat(verdicts.get()).isGreaterThan(CASES * 25);
            assertThat(YES.get()).as("both answers occur").isBetween(verdicts.get() / 10, verdicts.get() * 9 / 10);
        }
    }

    private void compare(EximRunner exim, long seed, List<String> disagreements, AtomicInteger refused,
            AtomicInteger verdicts, AtomicInteger routes) throws Exception {
        Path dir = Files.createDirectories(work.resolve("case-" + seed));
        EximConfGenerator.Case c = EximConfGenerator.generate(seed, dir.toString(), exim.preamble());
        Path conf = dir.resolve("exim.conf");
        Files.writeString(conf, c.conf());
        for (Map.Entry<String, String> f : c.files().entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        Files.createDirectories(dir.resolve("dir"));
        for (String e : c.dirEntries()) {
            Files.writeString(dir.resolve("dir").resolve(e), "");
        }
        String context = "seed " + seed + "\n--- exim.conf:\n" + c.conf();

        EximReader.Host host = new EximReader.Host("mail.example.com", List.of(EximRunner.ADDRESS));
        FilesRoot files = FilesRoot.at(Path.of("/"));
        EximConfig cfg = EximConfigParser.parse(conf.toString(), c.conf(), dir.toString(),
                p -> {
                    FilesRoot.Read r = files.read(p);
                    return r.ok() ? EximConfigParser.Opened.of(p, r.text())
                            : EximConfigParser.Opened.missing(p, r.failure());
                });
        EximRunner.Run bp = exim.run(conf, "mail.example.com", HOSTS, List.of("-bP", "+local_domains"));
        if (bp.refusedConfig() || cfg.fatal() != null) {
            if (!(bp.refusedConfig() && cfg.fatal() != null)) {
                disagreements.add(context + "\nexim refused: " + bp.refusedConfig() + " (" + bp.err().strip()
                        + ")\nmaildrift fatal: " + cfg.fatal());
            }
            refused.incrementAndGet();
            return;
        }
        String ours = "domainlist local_domains = " + cfg.domainLists().get("local_domains").value();
        if (!bp.out().strip().equals(ours)) {
            disagreements.add(context + "\n-bP: " + bp.out().strip() + "\nours: " + ours);
            return;
        }
        HostNames names = EximReader.read(cfg, host, files);
        EximDomainLists lists = new EximDomainLists(cfg.domainLists(), EximReader.facts(cfg, host, files));
        List<String> real = exim.matchDomains(conf, "mail.example.com", HOSTS, "+local_domains", c.domains());
        for (int i = 0; i < c.domains().size(); i++) {
            String d = c.domains().get(i);
            EximDomainLists.Outcome o = lists.inNamed("local_domains", d);
            String mine = switch (o.status()) {
                case MATCH -> "yes";
                case NO_MATCH -> "no";
                case UNKNOWN -> "unknown";
            };
            String theirs = real.get(i).startsWith("Failed") ? "unknown" : real.get(i);
            if (!mine.equals(theirs)) {
                disagreements.add(context + "\nmatch_domain " + d + ": exim " + real.get(i) + ", maildrift " + mine
                        + " (" + o.reason() + ")");
                return;
            }
            verdicts.incrementAndGet();
            if (mine.equals("yes")) {
                YES.incrementAndGet();
            } else if (mine.equals("unknown")) {
                UNKNOWN.incrementAndGet();
            }
        }
        List<String> args = new ArrayList<>(List.of("-bt"));
        c.domains().forEach(d -> args.add("u@" + d));
        EximRunner.Run bt = exim.run(conf, "mail.example.com", HOSTS, args);
        List<String> routers = routers(bt.out());
        if (routers.size() != c.domains().size()) {
            disagreements.add(context + "\n-bt gave " + routers.size() + " answers:\n" + bt.out() + bt.err());
            return;
        }
        for (int i = 0; i < routers.size(); i++) {
            String d = c.domains().get(i);
            Boolean ours2 = EximReader.routesLocally(cfg, host, files, d);
            boolean local = routers.get(i).equals("local");
            if (ours2 == null ? !routers.get(i).equals("defer") : local != ours2) {
                disagreements.add(context + "\n-bt u@" + d + ": router " + routers.get(i) + ", maildrift " + ours2
                        + " (" + names.accepts(d) + ")");
                return;
            }
            routes.incrementAndGet();
        }
        // the RCPT ACL: Exim's reply to RCPT TO:<u@DOMAIN> from a host on the Internet (-bh), against the verdict
        StringBuilder session = new StringBuilder("HELO client.example\r\nMAIL FROM:<s@client.example>\r\n");
        // without allow_domain_literals Exim answers a literal with a syntax error, and three of those end the
        // session: then one literal goes last
        boolean literals = "true".equals(cfg.option("allow_domain_literals"));
        List<String> asked = new ArrayList<>(c.domains().stream().filter(d -> literals || !d.startsWith("[")).toList());
        if (!literals) {
            asked.add("[192.0.2.10]");
        }
        asked.forEach(d -> session.append("RCPT TO:<u@").append(d).append(">\r\n"));
        session.append("QUIT\r\n");
        Path smtp = dir.resolve("smtp.txt");
        Files.writeString(smtp, session.toString());
        EximRunner.Run bh = exim.runWithInput(conf, "mail.example.com", HOSTS, List.of("-bh", "198.51.100.7"), smtp);
        List<String> codes = replies(bh.out());
        if (codes.size() != asked.size() + 4) {
            disagreements.add(context + "\n-bh gave " + codes.size() + " replies:\n" + bh.out());
            return;
        }
        for (int i = 0; i < asked.size(); i++) {
            String d = asked.get(i);
            String code = codes.get(3 + i);
            Acceptance a = names.accepts(d);
            String theirs = code.startsWith("2") ? "YES" : code.startsWith("5") ? "NO" : "UNKNOWN";
            if (!theirs.equals(a.verdict().name())) {
                disagreements.add(context + "\nRCPT u@" + d + ": exim " + code + ", maildrift " + a + "\n" + bh.out()
                        + bh.err());
                return;
            }
            RCPTS.incrementAndGet();
        }
    }

    /** The final reply codes of an SMTP session, in order (a multi-line reply counts once). */
    static List<String> replies(String out) {
        List<String> codes = new ArrayList<>();
        for (String line : out.split("\r?\n")) {
            if (line.length() >= 4 && Character.isDigit(line.charAt(0)) && line.charAt(3) == ' ') {
                codes.add(line.substring(0, 3));
            }
        }
        return codes;
    }

    /** The router -bt names for each address in order: its name, "none" when undeliverable, "defer" when deferred. */
    static List<String> routers(String out) {
        List<String> result = new ArrayList<>();
        String[] lines = out.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty() || l.startsWith(" ")) {
                continue;
            }
            if (l.contains(" is undeliverable")) {
                result.add("none");
            } else if (l.contains("cannot be resolved at this time") || l.contains("retry")) {
                result.add("defer");
            } else if (i + 1 < lines.length && lines[i + 1].strip().startsWith("router = ")) {
                String r = lines[i + 1].strip().substring("router = ".length());
                result.add(r.substring(0, r.indexOf(',') < 0 ? r.length() : r.indexOf(',')));
            } else if (l.startsWith("syntax error")) {
                result.add("syntax");
            }
        }
        return result;
    }
}

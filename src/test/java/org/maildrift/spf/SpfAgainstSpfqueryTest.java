package org.maildrift.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.dns.resolver.DnsView;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.testsupport.BindServer;
import org.maildrift.testsupport.Peers;

/**
 * maildrift's SPF verdicts against the reference implementation: Debian's spfquery (Mail::SPF), both asking
 * the same BIND, for generated records (seeded: -Dmaildrift.spf.seed=N reproduces a run) and for record shapes
 * common in the wild (provider includes, redirect, exists with macros, several strings). Every case must give
 * the same result.
 */
class SpfAgainstSpfqueryTest {

    private static final int CASES = 360;

    @TempDir
    Path dir;

    record Case(String ip, String sender, String helo) {
    }

    @Test
    void everyVerdictEqualsSpfquerys() throws Exception {
        Path spfquery = Peers.program("spfquery (Debian package spf-tools-perl)", System.getenv("MAILDRIFT_SPFQUERY"),
                "/usr/bin/spfquery.mail-spf-perl", "/usr/bin/spfquery");
        long seed = Long.getLong("maildrift.spf.seed", 20261202L);
        Generated g = generate(new Random(seed));
        try (BindServer bind = BindServer.start(dir, g.zones)) {
            List<String> reference = spfquery(spfquery, bind, g.cases);
            Map<String, Integer> byResult = new TreeMap<>();
            List<String> disagreements = new ArrayList<>();
            try (ResolverDnsObserver dns = new ResolverDnsObserver(
                    new DnsView("bind", List.of(DnsView.server(bind.address()))),
                    new ResolverDnsObserver.Settings(Duration.ofSeconds(3), 2, 16))) {
                SpfEvaluator spf = new SpfEvaluator(q -> dns.lookup(q.name(), q.type()));
                for (int i = 0; i < g.cases.size(); i++) {
                    Case c = g.cases.get(i);
                    SpfVerdict v = spf.check(c.ip(), c.sender(), c.helo());
                    byResult.merge(v.result().label(), 1, Integer::sum);
                    assertThat(v.inconclusive()).as("no lookup fails against BIND: %s, %s", c, v.failed()).isFalse();
                    if (!v.result().label().equals(reference.get(i))) {
                        String domain = c.sender().substring(c.sender().indexOf('@') + 1);
                        disagreements.add(c + " maildrift=" + v.result().label() + " spfquery=" + reference.get(i)
                                + " record=" + g.records.get(domain) + " asked=" + v.asked());
                    }
                }
            }
            System.out.println("SPF differential (seed " + seed + "): " + g.cases.size() + " cases, results " + byResult
                    + ", " + disagreements.size() + " disagreements");
            assertThat(disagreements).as("seed %d", seed).isEmpty();
            // the generator must reach every result, or the comparison proves little
            assertThat(byResult.keySet()).contains("pass", "fail", "softfail", "neutral", "none", "permerror");
        }
    }

    /** One spfquery process for all cases: "ip identity helo" per line on standard input. */
    private List<String> spfquery(Path spfquery, BindServer bind, List<Case> cases) throws Exception {
        Path in = dir.resolve("cases.txt");
        StringBuilder sb = new StringBuilder();
        for (Case c : cases) {
            sb.append(c.ip()).append(' ').append(c.sender()).append(' ').append(c.helo()).append('\n');
        }
        Files.writeString(in, sb);
        ProcessBuilder pb = new ProcessBuilder(spfquery.toString(), "--scope", "mfrom", "--hostname", "checker.test",
                "--file", in.toString()).redirectErrorStream(true);
        pb.environment().put("RES_NAMESERVERS", bind.address().replaceAll(":\\d+$", ""));
        pb.environment().put("RES_OPTIONS", "port:" + bind.port());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("Received-SPF: ")) {
                results.add(line.substring("Received-SPF: ".length()).split(" ", 2)[0]);
            }
        }
        assertThat(results).as("one verdict per case from spfquery:\n%s", out.length() > 2000 ? out.substring(0, 2000) : out)
                .hasSize(cases.size());
        return results;
    }

    record Generated(Map<String, String> zones, Map<String, String> records, List<Case> cases) {
    }

    private static final String[] IPS = {"192.0.2.1", "192.0.2.5", "192.0.2.10", "192.0.2.11", "192.0.2.20",
        "192.0.2.77", "198.51.100.1", "198.51.100.25", "198.51.100.200", "203.0.113.9", "2001:db8::1", "2001:db8::10",
        "2001:db8:1::5", "2001:db8:ffff::1"};

    /** A zone spf.test with hosts, MX domains, include targets and generated records, and a reverse zone. */
    static Generated generate(Random r) {
        StringBuilder z = new StringBuilder("$TTL 300\n@ IN SOA ns hostmaster 1 60 60 600 60\n@ IN NS ns\nns IN A 127.0.0.1\n");
        Map<String, String> records = new LinkedHashMap<>();
        // hosts and MX domains
        z.append("h1 IN A 192.0.2.10\nh1 IN AAAA 2001:db8::10\nh2 IN A 192.0.2.11\nh3 IN A 198.51.100.25\n")
                .append("h4 IN AAAA 2001:db8:1::5\nmxd IN MX 10 h1\nmxd IN MX 20 h2\nmx6 IN MX 10 h4\nmxnone IN MX 0 .\n")
                .append("alias IN CNAME h3\n192.0.2.5.ex IN A 127.0.0.2\n1.2.0.192.in-addr.ok IN A 127.0.0.2\n");
        // include targets
        String[] inc = {"v=spf1 ip4:192.0.2.0/28 -all", "v=spf1 ip4:198.51.100.0/24 ?all", "v=spf1 a:h1.spf.test ~all",
            "v=spf1 mx:mxd.spf.test -all", "v=spf1 ip6:2001:db8::/48 -all", "v=spf1 -all", "v=spf1 include:inc0.spf.test",
            "v=spf1 ip4:192.0.2.300 -all", "v=spf1 exists:%{i}.ex.spf.test -all"};
        for (int i = 0; i < inc.length; i++) {
            z.append("inc").append(i).append(" IN TXT \"").append(inc[i]).append("\"\n");
            records.put("inc" + i + ".spf.test", inc[i]);
        }
        // a chain of includes eleven deep: more than ten DNS-querying terms
        for (int i = 0; i < 12; i++) {
            z.append("chain").append(i).append(" IN TXT \"v=spf1 ").append(i < 11 ? "include:chain" + (i + 1) + ".spf.test" : "ip4:192.0.2.1")
                    .append(" -all\"\n");
        }
        // shapes seen in the wild: provider includes, redirect, exists with macros, records in several strings
        String[][] wild = {
            {"w0", "\"v=spf1 mx include:inc0.spf.test include:inc1.spf.test -all\""},
            {"w1", "\"v=spf1 redirect=inc0.spf.test\""},
            {"w2", "\"v=spf1 ip4:192.0.2.0/24 \" \"ip6:2001:db8::/32 \" \"~all\""},
            {"w3", "\"v=spf1 exists:%{ir}.%{v}.ok.spf.test -all\""},
            {"w4", "\"v=spf1 a mx ptr -all\""},
            {"w5", "\"v=spf1 include:inc6.spf.test -all\""},
            {"w6", "\"v=spf1 ip4:192.0.2.1 -all\"\nw6 IN TXT \"v=spf1 ip4:192.0.2.5 -all\""},
            {"w7", "\"google-site-verification=abc\"\nw7 IN TXT \"v=spf1 ip4:198.51.100.0/25 -all\""},
            {"w8", "\"v=spf1 include:nothere.spf.test -all\""},
            {"w9", "\"v=spf1 include:chain0.spf.test -all\""},
            {"w10", "\"v=spf1 a:nx1.spf.test a:nx2.spf.test a:nx3.spf.test ip4:192.0.2.0/24 -all\""},
            {"w11", "\"v=spf1 ip4:192.0.2.0/33 -all\""},
            {"w12", "\"v=spf1 bogus:thing -all\""},
            {"w13", "\"v=spf1 -ip4:192.0.2.5 +all\""},
            {"w14", "\"v=spf1 mx:mxnone.spf.test -all\""},
            {"w15", "\"v=spf1 a:alias.spf.test -all\""},
            {"w16", "\"v=spf1 include:inc8.spf.test ~all\""},
            {"w17", "\"v=spf1 mx/24 a:h4.spf.test//64 -all\""},
            {"w18", "\"V=SPF1 ip4:192.0.2.0/24 -all\""},
            {"w19", "\"v=spf1 ip4:192.0.2.0/24 redirect=inc5.spf.test exp=explain.spf.test\""},
        };
        for (String[] w : wild) {
            z.append(w[0]).append(" IN TXT ").append(w[1]).append('\n');
            records.put(w[0] + ".spf.test", w[1]);
        }
        z.append("w4 IN A 192.0.2.20\nw4 IN MX 10 h3\nw17 IN MX 10 h2\n");
        // generated records
        int generated = 70;
        for (int i = 0; i < generated; i++) {
            String rec = randomRecord(r);
            String name = "g" + i;
            z.append(name).append(" IN TXT ").append(strings(rec, r)).append('\n');
            records.put(name + ".spf.test", rec);
            if (r.nextInt(4) == 0) {
                z.append(name).append(" IN A ").append(IPS[r.nextInt(6)]).append('\n');
            }
            if (r.nextInt(4) == 0) {
                z.append(name).append(" IN MX 10 h").append(1 + r.nextInt(4)).append('\n');
            }
        }
        List<Case> cases = new ArrayList<>();
        List<String> domains = new ArrayList<>(records.keySet());
        domains.add("nospf.spf.test");
        z.append("nospf IN A 192.0.2.1\n");
        for (int i = 0; i < CASES; i++) {
            String d = i < domains.size() * 2 ? domains.get(i % domains.size()) : domains.get(r.nextInt(domains.size()));
            String local = r.nextInt(5) == 0 ? "list-bounces" : "user";
            cases.add(new Case(IPS[r.nextInt(IPS.length)], local + "@" + d, "helo" + r.nextInt(3) + ".spf.test"));
        }
        StringBuilder rev = new StringBuilder("$TTL 300\n@ IN SOA ns.spf.test. hostmaster.spf.test. 1 60 60 600 60\n")
                .append("@ IN NS ns.spf.test.\n20 IN PTR w4.spf.test.\n5 IN PTR h9.spf.test.\n10 IN PTR h1.spf.test.\n");
        Map<String, String> zones = new LinkedHashMap<>();
        zones.put("spf.test", z.toString());
        zones.put("2.0.192.in-addr.arpa", rev.toString());
        // every other address tried has a reverse zone too, so that no lookup is refused
        String empty = "$TTL 300\n@ IN SOA ns.spf.test. hostmaster.spf.test. 1 60 60 600 60\n@ IN NS ns.spf.test.\n";
        zones.put("100.51.198.in-addr.arpa", empty + "25 IN PTR h3.spf.test.\n");
        zones.put("113.0.203.in-addr.arpa", empty);
        // the root too: a null MX's exchange "." has no address, as a recursive resolver would say
        zones.put(".", "$TTL 300\n@ IN SOA ns hostmaster 1 60 60 600 60\n@ IN NS ns\nns IN A 127.0.0.1\n");
        zones.put("8.b.d.0.1.0.0.2.ip6.arpa", empty
                + "0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 IN PTR h1.spf.test.\n");
        return new Generated(zones, records, cases);
    }

    private static final String[] QUALIFIERS = {"", "", "+", "-", "~", "?"};

    private static String randomRecord(Random r) {
        StringBuilder sb = new StringBuilder("v=spf1");
        int terms = 1 + r.nextInt(5);
        for (int t = 0; t < terms; t++) {
            sb.append(' ').append(QUALIFIERS[r.nextInt(QUALIFIERS.length)]).append(switch (r.nextInt(12)) {
                case 0 -> "ip4:192.0.2." + r.nextInt(32) + "/" + (24 + r.nextInt(9));
                case 1 -> "ip4:198.51.100.0/" + (20 + r.nextInt(13));
                case 2 -> "ip6:2001:db8::/" + (32 + 16 * r.nextInt(6));
                case 3 -> "a" + (r.nextBoolean() ? "" : ":h" + (1 + r.nextInt(5)) + ".spf.test") + (r.nextInt(3) == 0 ? "/24" : "");
                case 4 -> "mx" + (r.nextBoolean() ? "" : ":mxd.spf.test");
                case 5 -> "include:inc" + r.nextInt(9) + ".spf.test";
                case 6 -> "exists:%{i}.ex.spf.test";
                case 7 -> "ptr" + (r.nextBoolean() ? "" : ":spf.test");
                case 8 -> "a:%{d}";
                case 9 -> "mx:mx6.spf.test";
                case 10 -> r.nextInt(4) == 0 ? "ip4:not-an-address" : "ip4:203.0.113.0/24";
                default -> "exists:%{l}.nomatch.spf.test";
            });
        }
        switch (r.nextInt(6)) {
            case 0 -> sb.append(" -all");
            case 1 -> sb.append(" ~all");
            case 2 -> sb.append(" ?all");
            case 3 -> sb.append(" redirect=inc").append(r.nextInt(9)).append(".spf.test");
            case 4 -> sb.append(" +all");
            default -> {
            }
        }
        return sb.toString();
    }

    /** The record as a zone file's character-strings, sometimes split (receivers join them without spaces). */
    private static String strings(String rec, Random r) {
        if (rec.length() < 12 || r.nextInt(3) != 0) {
            return "\"" + rec + "\"";
        }
        int cut = 6 + r.nextInt(rec.length() - 6);
        return "\"" + rec.substring(0, cut) + "\" \"" + rec.substring(cut) + "\"";
    }
}

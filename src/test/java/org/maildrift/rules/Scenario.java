package org.maildrift.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.maildrift.collect.EvidenceCollector;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.Inventory;
import org.maildrift.inventory.InventoryLoader;
import org.maildrift.rules.catalog.RuleCatalog;
import org.maildrift.testsupport.BindServer;
import org.maildrift.testsupport.SignedZones;

/**
 * A Zonemaster-style scenario: one text file holding an estate (inventory, zone files, MTA configs)
 * and the rule IDs that must and must not appear when it is checked. Sections start with
 * {@code --- NAME}; {@code --- expect} holds {@code must:} and {@code must-not:} lines. The rule doc
 * pages show these files verbatim as their examples.
 */
public record Scenario(String rule, String kind, String title, Set<String> must, Set<String> mustNot,
        Map<String, String> files, String text, String dnssec) {

    public static final Path ROOT = Path.of("src/test/resources/scenarios");

    public static Scenario load(String rule, String kind) {
        Path file = ROOT.resolve(rule).resolve(kind + ".txt");
        try {
            return parse(rule, kind, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("scenario " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<Scenario> all() throws IOException {
        List<Scenario> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path dir : dirs.sorted().toList()) {
                for (String kind : List.of("drifting", "clean")) {
                    if (Files.exists(dir.resolve(kind + ".txt"))) {
                        out.add(load(dir.getFileName().toString(), kind));
                    }
                }
            }
        }
        return out;
    }

    static Scenario parse(String rule, String kind, String text) {
        String[] lines = text.split("\n", -1);
        String title = lines[0].startsWith("# ") ? lines[0].substring(2) : "";
        Map<String, String> files = new LinkedHashMap<>();
        Set<String> must = new LinkedHashSet<>();
        Set<String> mustNot = new LinkedHashSet<>();
        String dnssec = null;
        String current = null;
        StringBuilder body = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("--- ")) {
                if (current != null) {
                    files.put(current, body.toString());
                }
                current = line.substring(4).trim();
                body.setLength(0);
                continue;
            }
            if (current == null) {
                continue;
            }
            if (current.equals("expect")) {
                if (line.startsWith("must:")) {
                    must.addAll(words(line.substring(5)));
                } else if (line.startsWith("must-not:")) {
                    mustNot.addAll(words(line.substring(9)));
                } else if (line.startsWith("dnssec:")) {
                    dnssec = line.substring(7).trim();
                }
                continue;
            }
            if (i < lines.length - 1 || !line.isEmpty()) {
                body.append(line).append('\n');
            }
        }
        if (current != null) {
            files.put(current, body.toString());
        }
        files.remove("expect");
        return new Scenario(rule, kind, title, must, mustNot, files, text, dnssec);
    }

    private static List<String> words(String s) {
        return Stream.of(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** Writes the scenario's files under {@code dir}; returns the inventory path. */
    public Path materialize(Path dir) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return dir.resolve("inventory.yml");
    }

    /**
     * True when the scenario is about DNSSEC ({@code dnssec: signed|expired|unsigned} under expect): only a
     * live, validating view can show it, so its findings come from BIND serving the zones signed that way.
     */
    public boolean liveOnly() {
        return dnssec != null;
    }

    /** The check a rule's doc page shows: BIND for DNSSEC scenarios, the zone files otherwise. */
    public CheckReport check(Path dir) throws Exception {
        return liveOnly() ? checkWithBind(dir) : checkWithZoneFiles(dir);
    }

    /** Checks the scenario with DNS from its zone files. */
    public CheckReport checkWithZoneFiles(Path dir) throws Exception {
        Inventory inventory = InventoryLoader.load(materialize(dir));
        try (EvidenceCollector c = new EvidenceCollector(inventory, ResolverDnsObserver.Settings.DEFAULTS)) {
            return RuleCatalog.engine().run(c.collect());
        }
    }

    /** Checks the scenario as if every DNS lookup had failed (SERVFAIL from the one server of view "down"). */
    public CheckReport checkWithFailingDns(Path dir) throws Exception {
        Inventory inventory = InventoryLoader.load(materialize(dir));
        try (EvidenceCollector c = new EvidenceCollector(inventory, ResolverDnsObserver.Settings.DEFAULTS)) {
            Evidence evidence = failingView(inventory, c);
            return RuleCatalog.engine().run(List.of(evidence));
        }
    }

    /** The view "down" of an estate, whose every lookup failed (SERVFAIL from its one server). */
    public static Evidence failingView(Inventory inventory, EvidenceCollector c) {
        java.util.function.Function<org.maildrift.dns.DnsObserver.Question, org.maildrift.dns.model.DnsAnswer> fail =
                q -> new org.maildrift.dns.model.DnsAnswer(q.name(), q.type(),
                    org.maildrift.dns.model.Outcome.CHECK_ERROR, List.of(), new java.util.TreeSet<>(),
                    org.maildrift.dns.model.CheckError.SERVFAIL, "server failure", "192.0.2.53:53", "down");
        List<Evidence.Watched> watched = new ArrayList<>();
        inventory.watch().names().forEach(n -> watched.add(new Evidence.Watched(n, Evidence.WatchKind.NAME)));
        inventory.watch().domains().forEach(n -> watched.add(new Evidence.Watched(n, Evidence.WatchKind.DOMAIN)));
        return new Evidence(inventory, "down", c.readHosts(), watched, new java.util.HashMap<>(), fail, List.of());
    }

    /** Checks the scenario with DNS from BIND serving the same zone files on loopback. */
    public CheckReport checkWithBind(Path dir) throws Exception {
        return withBind(dir, (views, collector) -> RuleCatalog.engine().run(views));
    }

    /** What a test does with the evidence collected from BIND, while the server and the collector are open. */
    public interface WithBind<T> {
        T apply(List<Evidence> views, EvidenceCollector collector) throws Exception;
    }

    /**
     * Collects the scenario's evidence from BIND serving its zone files on loopback (signed when the scenario
     * has TLSA records or says how, with the trust anchors the view validates with) and hands it to {@code then}.
     */
    public <T> T withBind(Path dir, WithBind<T> then) throws Exception {
        Inventory inventory = InventoryLoader.load(materialize(dir));
        Map<String, String> zones = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().endsWith(".zone")) {
                String origin = f.getValue().lines().filter(l -> l.startsWith("$ORIGIN")).findFirst()
                        .orElseThrow().substring(7).trim();
                zones.put(origin.substring(0, origin.length() - 1), f.getValue());
            }
        }
        Path bindDir = Files.createDirectories(dir.resolve("bind"));
        // zones with TLSA are signed (or served as the scenario says), so that DANE applies as it would live
        String mode = dnssec != null ? dnssec
                : zones.values().stream().anyMatch(z -> z.contains(" TLSA ")) ? "signed" : null;
        Path anchors = null;
        if (mode != null) {
            List<String> ds = new ArrayList<>();
            for (Map.Entry<String, String> z : zones.entrySet()) {
                SignedZones.Signed signed = switch (mode) {
                    case "signed" -> SignedZones.sign(bindDir, z.getKey(), z.getValue());
                    case "expired" -> SignedZones.sign(bindDir, z.getKey(), z.getValue(), "20200101000000",
                            "20200201000000");
                    case "unsigned" -> null;
                    default -> throw new IllegalStateException(this + ": dnssec: " + mode
                            + " is not signed, expired or unsigned");
                };
                if (signed != null) {
                    z.setValue(signed.text());
                    ds.addAll(signed.ds());
                }
            }
            if (ds.isEmpty()) {
                // no zone signed: the anchor is a zone of its own, and none of the scenario's names is under it
                ds.addAll(SignedZones.sign(bindDir, "anchor.invalid", "$ORIGIN anchor.invalid.\n$TTL 300\n"
                        + "@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n  IN NS ns1\nns1 IN A 192.0.2.53\n").ds());
            }
            anchors = dir.resolve("trust-anchors.ds");
            Files.writeString(anchors, String.join("\n", ds) + "\n");
        }
        try (BindServer bind = BindServer.start(bindDir, zones)) {
            Inventory live = inventory.withDns(new Inventory.DnsSources(List.of(),
                    List.of(new Inventory.View("bind", List.of(bind.address()))), List.of(), anchors));
            try (EvidenceCollector c = new EvidenceCollector(live,
                    new ResolverDnsObserver.Settings(Duration.ofSeconds(2), 2, 64))) {
                return then.apply(c.collect(), c);
            }
        }
    }

    @Override
    public String toString() {
        return rule + "/" + kind;
    }
}

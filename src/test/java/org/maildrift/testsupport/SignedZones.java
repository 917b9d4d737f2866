package org.maildrift.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signs zones with BIND's own tools (dnssec-keygen, dnssec-signzone from Debian bind9): ECDSA P-256 KSK
 * and ZSK per zone, NSEC. The DS records of a signed zone are the trust anchors a test hands to
 * maildrift ({@code dns.trust-anchors}) and to delv.
 */
public final class SignedZones {

    /** A signed zone: the text to serve and its DS records (master-file lines). */
    public record Signed(String zone, String text, List<String> ds) {
    }

    private SignedZones() {
    }

    public static Path keygen() {
        return Peers.program("dnssec-keygen (Debian package bind9)", "/usr/bin/dnssec-keygen", "/usr/sbin/dnssec-keygen");
    }

    public static Path signzone() {
        return Peers.program("dnssec-signzone (Debian package bind9)", "/usr/bin/dnssec-signzone",
                "/usr/sbin/dnssec-signzone");
    }

    /** Signs {@code text} (the zone {@code zone}, without trailing dot) with fresh keys made in {@code dir}. */
    public static Signed sign(Path dir, String zone, String text) throws IOException, InterruptedException {
        return sign(dir, zone, text, null, null);
    }

    /**
     * The same with signature inception and expiry ({@code YYYYMMDDHHMMSS}, null for the defaults: now − 1 h
     * to now + 30 days). Expired signatures make a bogus zone; post-signing verification is then skipped.
     */
    public static Signed sign(Path dir, String zone, String text, String inception, String expiry)
            throws IOException, InterruptedException {
        Path keys = Files.createDirectories(dir.resolve("keys-" + zone));
        run(keys, keygen().toString(), "-q", "-K", keys.toString(), "-a", "ECDSAP256SHA256", "-f", "KSK", "-n", "ZONE",
                zone);
        run(keys, keygen().toString(), "-q", "-K", keys.toString(), "-a", "ECDSAP256SHA256", "-n", "ZONE", zone);
        Path in = keys.resolve(zone + ".zone");
        Files.writeString(in, text);
        Path out = keys.resolve(zone + ".signed");
        List<String> cmd = new ArrayList<>(List.of(signzone().toString(), "-q", "-K", keys.toString(), "-S", "-o",
                zone, "-d", keys.toString(), "-f", out.toString()));
        if (inception != null) {
            cmd.addAll(List.of("-s", inception, "-e", expiry, "-P"));
        }
        cmd.add(in.toString());
        run(keys, cmd.toArray(String[]::new));
        List<String> ds = Files.readAllLines(keys.resolve("dsset-" + zone + "."), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        return new Signed(zone, Files.readString(out, StandardCharsets.UTF_8), ds);
    }

    /** A DS of a key that signs nothing: a parent that publishes it breaks its child's chain of trust. */
    public static String unrelatedDs(Path dir, String zone) throws IOException, InterruptedException {
        Path keys = Files.createDirectories(dir.resolve("stray-" + zone));
        Path base = keys.resolve("base.zone");
        Files.writeString(base, "$ORIGIN " + zone + ".\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n"
                + "  IN NS ns1\nns1 IN A 192.0.2.53\n");
        return sign(keys, zone, Files.readString(base)).ds().get(0);
    }

    /** delv's trust-anchors clause for DS lines. */
    public static String delvAnchors(List<String> ds) {
        StringBuilder sb = new StringBuilder("trust-anchors {\n");
        for (String line : ds) {
            String[] f = line.trim().split("\\s+");
            // owner IN DS tag alg digesttype digest...
            int i = f[1].equals("IN") ? 3 : 2;
            StringBuilder digest = new StringBuilder();
            for (int k = i + 3; k < f.length; k++) {
                digest.append(f[k]);
            }
            sb.append("  ").append(f[0]).append(" static-ds ").append(f[i]).append(' ').append(f[i + 1]).append(' ')
                    .append(f[i + 2]).append(" \"").append(digest).append("\";\n");
        }
        return sb.append("};\n").toString();
    }

    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}

package org.maildrift.dns.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.dns.model.Security;
import org.maildrift.dns.model.Validated;
import org.maildrift.dns.resolver.DnssecValidator;
import org.maildrift.testsupport.BindServer;
import org.maildrift.testsupport.Delv;
import org.maildrift.testsupport.SignedZones;

/**
 * DNSSEC states of TLSA answers, against BIND serving zones signed with dnssec-signzone, and compared with
 * delv on the same zones and trust anchor. Under the signed parent {@code test.}: a signed child, a child
 * whose parent publishes the DS of another key (broken chain), a child with expired signatures, one whose
 * TLSA signature was tampered with, and an unsigned child without DS (provably insecure).
 */
class DnssecValidatorTest {

    @TempDir
    static Path dir;
    static BindServer bind;
    static List<String> anchors;
    static DnssecValidator validator;

    static String child(String zone) {
        return "$ORIGIN " + zone + ".\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n  IN NS ns1\n"
                + "ns1 IN A 192.0.2.53\nmx IN A 192.0.2.10\n@ IN MX 10 mx\n"
                + "_25._tcp.mx IN TLSA 3 1 1 " + "ab".repeat(32) + "\n";
    }

    @BeforeAll
    static void serve() throws Exception {
        Map<String, String> zones = new LinkedHashMap<>();
        StringBuilder parent = new StringBuilder("$ORIGIN test.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n"
                + "  IN NS ns1\nns1 IN A 192.0.2.53\n");
        SignedZones.Signed good = SignedZones.sign(dir, "good.test", child("good.test"));
        SignedZones.Signed broken = SignedZones.sign(dir, "broken.test", child("broken.test"));
        SignedZones.Signed expired = SignedZones.sign(dir, "expired.test", child("expired.test"), "20200101000000",
                "20200201000000");
        SignedZones.Signed tampered = SignedZones.sign(dir, "tampered.test", child("tampered.test"));
        String stray = SignedZones.unrelatedDs(dir, "broken.test");
        for (String c : List.of("good", "broken", "expired", "unsigned", "tampered")) {
            parent.append(c).append(" IN NS ns1.").append(c).append("\nns1.").append(c).append(" IN A 192.0.2.53\n");
        }
        good.ds().forEach(l -> parent.append(l).append('\n'));
        expired.ds().forEach(l -> parent.append(l).append('\n'));
        tampered.ds().forEach(l -> parent.append(l).append('\n'));
        parent.append(stray).append('\n');
        SignedZones.Signed test = SignedZones.sign(dir, "test", parent.toString());
        zones.put("test", test.text());
        zones.put("good.test", good.text());
        zones.put("broken.test", broken.text());
        zones.put("expired.test", expired.text());
        zones.put("unsigned.test", child("unsigned.test"));
        zones.put("tampered.test", tamper(tampered.text()));
        bind = BindServer.start(Files.createDirectories(dir.resolve("bind")), zones);
        anchors = test.ds();
        validator = new DnssecValidator("bind", new InetSocketAddress("127.0.0.1", bind.port()),
                String.join("\n", anchors) + "\n", Duration.ofSeconds(3), Clock.systemUTC());
    }

    /** The zone with one character of the TLSA record's signature changed: the RRSIG no longer verifies. */
    static String tamper(String signed) {
        String[] lines = signed.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("RRSIG\tTLSA")) {
                String sig = lines[i + 2];
                int at = sig.length() - sig.stripLeading().length();
                char c = sig.charAt(at);
                lines[i + 2] = sig.substring(0, at) + (c == 'A' ? 'B' : 'A') + sig.substring(at + 1);
                return String.join("\n", lines);
            }
        }
        throw new IllegalStateException("no RRSIG of the TLSA record in the signed zone");
    }

    @AfterAll
    static void stop() {
        if (bind != null) {
            bind.close();
        }
    }

    @Test
    void eachStateAgreesWithDelv() throws Exception {
        Map<String, Security> expected = new LinkedHashMap<>();
        expected.put("_25._tcp.mx.good.test", Security.SECURE);
        expected.put("_25._tcp.nothing.good.test", Security.SECURE);
        expected.put("_25._tcp.mx.broken.test", Security.BOGUS);
        expected.put("_25._tcp.mx.expired.test", Security.BOGUS);
        expected.put("_25._tcp.mx.tampered.test", Security.BOGUS);
        expected.put("_25._tcp.mx.unsigned.test", Security.INSECURE);
        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<String, Security> e : expected.entrySet()) {
            Validated v = validator.lookup(e.getKey(), RecordType.TLSA);
            String delv = Delv.verdict(dir, bind, anchors, "test", e.getKey(), "TLSA");
            assertThat(v.security()).as("%s (%s)", e.getKey(), v.reason()).isEqualTo(e.getValue());
            if (!delv.equals(v.security().name().toLowerCase())) {
                disagreements.add(e.getKey() + ": maildrift " + v.security() + ", delv " + delv);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void aSecureAnswerCarriesItsRecordsAndABogusOneItsReason() {
        Validated good = validator.lookup("_25._tcp.mx.good.test", RecordType.TLSA);
        assertThat(good.answer().outcome()).isEqualTo(Outcome.ANSWER);
        assertThat(good.answer().records()).containsExactly("3 1 1 " + "ab".repeat(32));
        Validated nothing = validator.lookup("_25._tcp.nothing.good.test", RecordType.TLSA);
        assertThat(nothing.answer().outcome()).isEqualTo(Outcome.NXDOMAIN);
        Validated expired = validator.lookup("_25._tcp.mx.expired.test", RecordType.TLSA);
        assertThat(expired.reason()).isNotBlank();
        Validated insecure = validator.lookup("_25._tcp.mx.unsigned.test", RecordType.TLSA);
        assertThat(insecure.answer().records()).hasSize(1);
    }

    @Test
    void anAuthoritativeServerAskedFromTheRootIsIndeterminateNotBogus() throws Exception {
        DnssecValidator fromRoot = new DnssecValidator("bind", new InetSocketAddress("127.0.0.1", bind.port()),
                DnssecValidator.ROOT_TRUST_ANCHORS, Duration.ofSeconds(3), Clock.systemUTC());
        Validated v = fromRoot.lookup("_25._tcp.mx.good.test", RecordType.TLSA);
        assertThat(v.security()).isEqualTo(Security.INDETERMINATE);
        assertThat(v.reason()).contains("trust anchor at .");
        assertThat(v.answer().records()).hasSize(1);
    }

    @Test
    void theBuiltInRootAnchorsAreDebiansWhenInstalled() throws Exception {
        Path debian = Path.of("/usr/share/dns/root.ds");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(debian), "dns-root-data is not installed");
        assertThat(DnssecValidator.ROOT_TRUST_ANCHORS.strip().lines().toList())
                .containsExactlyElementsOf(Files.readAllLines(debian).stream().filter(l -> !l.isBlank()).toList());
    }

    @Test
    void trustAnchorTextIsChecked() {
        assertThat(DnssecValidator.checkTrustAnchors(DnssecValidator.ROOT_TRUST_ANCHORS)).isNull();
        assertThat(DnssecValidator.checkTrustAnchors("example.com. IN A 192.0.2.1\n")).contains("no DS or DNSKEY");
        assertThat(DnssecValidator.checkTrustAnchors("this is { not a zone")).isNotNull();
    }

    @Test
    void aResolverThatStripsSignaturesIsIndeterminateNotBogus() throws Exception {
        org.xbill.DNS.SimpleResolver upstream = new org.xbill.DNS.SimpleResolver(
                new InetSocketAddress("127.0.0.1", bind.port()));
        upstream.setEDNS(0, 0, org.xbill.DNS.ExtendedFlags.DO);
        // a stub resolver without DNSSEC: it forwards, and drops every RRSIG from what it hands back
        try (org.maildrift.testsupport.StubDnsServer stub = new org.maildrift.testsupport.StubDnsServer((q, tcp) -> {
            try {
                org.xbill.DNS.Message m = upstream.send(q.clone());
                m.getHeader().setID(q.getHeader().getID());
                for (int section : new int[] {org.xbill.DNS.Section.ANSWER, org.xbill.DNS.Section.AUTHORITY}) {
                    for (org.xbill.DNS.Record r : new java.util.ArrayList<>(m.getSection(section))) {
                        if (r.getType() == org.xbill.DNS.Type.RRSIG) {
                            m.removeRecord(r, section);
                        }
                    }
                }
                return m;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })) {
            String[] hostPort = stub.address().split(":");
            DnssecValidator through = new DnssecValidator("stub", new InetSocketAddress(hostPort[0],
                    Integer.parseInt(hostPort[1])), String.join("\n", anchors) + "\n", Duration.ofSeconds(3),
                    Clock.systemUTC());
            Validated v = through.lookup("_25._tcp.mx.good.test", RecordType.TLSA);
            assertThat(v.security()).as(v.reason()).isEqualTo(Security.INDETERMINATE);
            assertThat(v.reason()).contains("no signed DNSKEY");
        }
    }
}

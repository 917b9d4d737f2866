package org.maildrift.precheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.collect.EvidenceCollector;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.InventoryLoader;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Scenario;
import org.maildrift.testsupport.Openssl;

/**
 * Pre-change checks that touch TLS: renewing a certificate says whether the new key is already in TLSA and
 * names the record to publish if not; a new MX under an MTA-STS policy that does not list it fails, with the
 * date from which a refreshed policy reaches every sender.
 */
class TlsPrecheckTest {

    @TempDir
    Path dir;

    private Precheck.Result precheck(Path inventory, String changes, Clock clock) throws Exception {
        Path file = dir.resolve("change.yml");
        Files.writeString(file, changes);
        try (EvidenceCollector c = new EvidenceCollector(InventoryLoader.load(inventory),
                ResolverDnsObserver.Settings.DEFAULTS)) {
            List<Evidence> evidence = c.collect();
            return Precheck.withCatalog().withClock(clock).run(evidence, ChangeSetLoader.load(file));
        }
    }

    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    @Test
    void renewingWithAnUnpublishedKeyNamesTheTlsaRecordToPublishFirst() throws Exception {
        Path estate = Files.createDirectories(dir.resolve("estate"));
        Path inventory = Scenario.load("tlsa-matches-no-configured-key", "clean").materialize(estate);
        Path chain = Openssl.selfSigned(dir, "renewed", "ec", "mx1.example.com");
        String tlsa = Openssl.tlsaData(dir, chain, 1, 1);
        Precheck.Result r = precheck(inventory, "- renew-certificate: {host: mx1, chain: " + chain + "}\n",
                Clock.systemUTC());
        assertThat(rules(r.introduced())).containsExactly("tlsa-matches-no-configured-key");
        assertThat(r.introduced().get(0).fix()).contains("publish _25._tcp.mx1.example.com. IN TLSA 3 1 1 " + tlsa,
                "at least one TTL");
        assertThat(r.verdict().clean()).isFalse();
    }

    @Test
    void renewingWithAKeyAlreadyPublishedIsClean() throws Exception {
        Path estate = Files.createDirectories(dir.resolve("estate"));
        Path inventory = Scenario.load("tlsa-matches-no-configured-key", "clean").materialize(estate);
        Path chain = Openssl.selfSigned(dir, "next", "ec", "mx1.example.com");
        Files.writeString(estate.resolve("example.com.zone"), "_25._tcp.mx1 IN TLSA 3 1 1 "
                + Openssl.tlsaData(dir, chain, 1, 1) + "\n", java.nio.file.StandardOpenOption.APPEND);
        Precheck.Result r = precheck(inventory, "- renew-certificate: {host: mx1, chain: " + chain + "}\n",
                Clock.systemUTC());
        assertThat(r.introduced()).isEmpty();
        assertThat(r.verdict().clean()).isTrue();
    }

    @Test
    void aNewMxThePolicyDoesNotListFailsWithTheDateARefreshedPolicyIsEverywhere() throws Exception {
        Path estate = Files.createDirectories(dir.resolve("estate"));
        Path inventory = Scenario.load("mta-sts-certificate-name-mismatch", "clean").materialize(estate);
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        Precheck.Result r = precheck(inventory, """
                - set-addresses: {name: mx2.example.com, addresses: [192.0.2.10]}
                - set-mx: {domain: example.com, exchanges: ["10 mx1.example.com", "20 mx2.example.com"]}
                """, clock);
        assertThat(rules(r.introduced())).contains("mta-sts-policy-excludes-mx");
        assertThat(r.verdict().clean()).isFalse();
        assertThat(r.suggestions()).anySatisfy(s -> assertThat(s.text())
                .contains("add \"mx: mx2.example.com\"", "change the id", "every sender has it from 2026-12-08T10:00:00Z"));
    }

    @Test
    void aChainThatIsNotACertificateIsAChangeSetErrorNamingTheField() throws Exception {
        Path estate = Files.createDirectories(dir.resolve("estate"));
        Path inventory = Scenario.load("tlsa-matches-no-configured-key", "clean").materialize(estate);
        Path bad = dir.resolve("bad.pem");
        Files.writeString(bad, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> precheck(inventory, "- renew-certificate: {host: mx1, chain: bad.pem}\n",
                Clock.systemUTC())).isInstanceOf(ChangeSetException.class)
                .hasMessageContaining("renew-certificate.chain").hasMessageContaining("line 1")
                .hasMessageNotContaining("bm90");
    }

    @Test
    void theEntryTakesAChainFileOrItsTextAndSaysWhichWhenNeither() throws Exception {
        List<Change> parsed = ChangeSetLoader.parse("c.yml", "- renew-certificate: {host: mx1, text: \"-----BEGIN CERTIFICATE-----\"}\n");
        assertThat(parsed.get(0)).isInstanceOf(Change.RenewCertificate.class);
        assertThat(parsed.get(0).yaml()).isEqualTo("renew-certificate: {host: mx1, text: \"…\"}");
        assertThatThrownBy(() -> ChangeSetLoader.parse("c.yml", "- renew-certificate: {host: mx1}\n"))
                .hasMessageContaining("renew-certificate").hasMessageContaining("give exactly one of chain or text");
        assertThatThrownBy(() -> ChangeSetLoader.parse("c.yml", "- renew-certificate: {host: mx1, chain: a.pem}\n"))
                .hasMessageContaining("renew-certificate.chain").hasMessageContaining("send the content as text");
    }
}

package org.maildrift.dns.zonefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.maildrift.dns.model.CheckError;
import org.maildrift.dns.model.CnameHop;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;

class ZoneFileDnsObserverTest {

    private static ZoneFileDnsObserver dns;

    static Path zone(String name) {
        try {
            return Path.of(ZoneFileDnsObserverTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void load() throws ZoneFileException {
        dns = ZoneFileDnsObserver.load(List.of(zone("example.com.zone"), zone("2.0.192.in-addr.arpa.zone")));
    }

    @Test
    void followsTheAliasChainToTheAddress() {
        DnsAnswer a = dns.lookup("LISTS.example.com", RecordType.A);
        assertThat(a.outcome()).isEqualTo(Outcome.ANSWER);
        assertThat(a.chain()).containsExactly(new CnameHop("lists.example.com.", "ml.example.com."),
                new CnameHop("ml.example.com.", "newserver01.example.com."));
        assertThat(a.records()).containsExactly("192.0.2.20");
        assertThat(dns.lookup("newserver01.example.com.", RecordType.AAAA).records()).containsExactly("2001:db8::20");
    }

    @Test
    void givesMxAsPreferenceAndCanonicalExchange() {
        assertThat(dns.lookup("example.com", RecordType.MX).records())
                .containsExactly("10 mx1.example.com.", "20 mx2.example.com.");
        assertThat(dns.lookup("mx2.example.com", RecordType.CNAME).records()).containsExactly("mx1.example.com.");
    }

    @Test
    void tellsNxdomainFromNodataAndEmptyNonTerminals() {
        assertThat(dns.lookup("nosuch.example.com", RecordType.A).outcome()).isEqualTo(Outcome.NXDOMAIN);
        assertThat(dns.lookup("mx1.example.com", RecordType.AAAA).outcome()).isEqualTo(Outcome.NODATA);
        assertThat(dns.lookup("b.c.example.com", RecordType.A).outcome()).isEqualTo(Outcome.NODATA);
    }

    @Test
    void reportsADanglingAliasAsNxdomainAtTheEndOfTheChain() {
        DnsAnswer a = dns.lookup("dangling.example.com", RecordType.A);
        assertThat(a.outcome()).isEqualTo(Outcome.NXDOMAIN);
        assertThat(a.finalName()).isEqualTo("gone.example.com.");
        assertThat(a.detail()).contains("does not exist");
    }

    @Test
    void reportsCnameDefects() {
        assertThat(dns.lookup("loop1.example.com", RecordType.A).outcome()).isEqualTo(Outcome.CNAME_LOOP);
        DnsAnswer nine = dns.lookup("c0.example.com", RecordType.A);
        assertThat(nine.outcome()).isEqualTo(Outcome.CNAME_CHAIN_TOO_LONG);
        assertThat(dns.lookup("b1.example.com", RecordType.A).outcome())
                .as("eight hops are allowed").isEqualTo(Outcome.ANSWER);
        assertThat(dns.lookup("two.example.com", RecordType.A).outcome()).isEqualTo(Outcome.CNAME_MULTIPLE);
    }

    @Test
    void neverTurnsANameNoZoneCoversIntoNxdomain() {
        DnsAnswer out = dns.lookup("www.example.net", RecordType.A);
        assertThat(out.outcome()).isEqualTo(Outcome.CHECK_ERROR);
        assertThat(out.error()).isEqualTo(CheckError.NOT_COVERED);
        DnsAnswer viaAlias = dns.lookup("outside.example.com", RecordType.A);
        assertThat(viaAlias.outcome()).isEqualTo(Outcome.CHECK_ERROR);
        assertThat(viaAlias.chain()).hasSize(1);
        DnsAnswer delegated = dns.lookup("host.sub.example.com", RecordType.A);
        assertThat(delegated.error()).isEqualTo(CheckError.NOT_COVERED);
        assertThat(delegated.outcome().isFact()).isFalse();
    }

    @Test
    void answersWildcardsIncludesAndReverseNames() {
        assertThat(dns.lookup("anything.wild.example.com", RecordType.A).records()).containsExactly("192.0.2.40");
        assertThat(dns.lookup("host.inc.example.com", RecordType.A).records()).containsExactly("192.0.2.60");
        assertThat(dns.lookup(DnsNames.reverse("192.0.2.20"), RecordType.PTR).records())
                .containsExactly("newserver01.example.com.");
    }

    @Test
    void namesTheFileAndLineOfASyntaxError() {
        assertThatThrownBy(() -> ZoneFileReader.read(zone("broken.zone"), "example.org"))
                .isInstanceOfSatisfying(ZoneFileException.class, e -> {
                    assertThat(e.file()).endsWith("broken.zone");
                    assertThat(e.line()).isEqualTo(4);
                });
    }

    /** named-checkzone's line for a record that ends before a field it needs ("near eol"), not the line after. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "ml IN CNAME\\nfoo IN A 192.0.2.1\\n | 4 | expected a name",
        "ml IN CNAME\\n | 4 | expected a name",
        "ml IN CNAME | 4 | expected a name",
        "ml IN CNAME ; a comment\\n\\nfoo IN A 192.0.2.1\\n | 4 | expected a name",
        "ml IN MX 10\\n | 4 | expected a name",
        "ml IN A\\nfoo IN A 192.0.2.1\\n | 4 | expected an address",
        "ml IN A 300.1.1.1\\nfoo IN A 192.0.2.1\\n | 4 | Invalid address"})
    void namesTheLineOfARecordThatEndsTooEarly(String record, int line, String message,
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path zone = dir.resolve("t.zone");
        java.nio.file.Files.writeString(zone, "$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 2 3 4 5\n"
                + record.replace("\\n", "\n"));
        assertThatThrownBy(() -> ZoneFileReader.read(zone, "example.com"))
                .isInstanceOfSatisfying(ZoneFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void refusesIncludesOutsideTheZoneFolder() {
        assertThatThrownBy(() -> ZoneFileReader.read(zone("hostile.zone"), "example.org"))
                .isInstanceOfSatisfying(ZoneFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("'/etc/passwd' refused: only files inside the zone file's folder");
                });
    }
}

package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.maildrift.testsupport.StubDnsServer;

class DnsCommandTest {

    private static String zone(String name) throws URISyntaxException {
        return Path.of(DnsCommandTest.class.getResource("/org/maildrift/dns/zonefile/" + name).toURI()).toString();
    }

    @Test
    void showsTheChainAndExitsZeroWhenEverythingWasAnswered() throws Exception {
        CliRun r = CliRun.of("dns", "lists.example.com", "nosuch.example.com", "--zone", zone("example.com.zone"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("lists.example.com. CNAME ml.example.com.", "newserver01.example.com. A 192.0.2.20",
                "nosuch.example.com. A: nxdomain");
    }

    @Test
    void exitsThreeWhenALookupIsInconclusive() throws Exception {
        CliRun r = CliRun.of("dns", "www.example.net", "--zone", zone("example.com.zone"), "--format", "json");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("\"outcome\": \"check-error\"", "\"error\": \"not-covered\"");
        try (StubDnsServer silent = new StubDnsServer((q, tcp) -> null)) {
            CliRun t = CliRun.of("dns", "mail.example.com", "--server", silent.address(), "--timeout", "200");
            assertThat(t.exit()).isEqualTo(3);
            assertThat(t.out()).contains("check-error (timeout)", "from " + silent.address());
        }
    }

    @Test
    void looksUpPtrForAnAddress() throws Exception {
        CliRun r = CliRun.of("dns", "192.0.2.20", "--type", "PTR", "--zone", zone("2.0.192.in-addr.arpa.zone"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("20.2.0.192.in-addr.arpa. PTR newserver01.example.com.");
    }

    @Test
    void rejectsBadInputWithExitTwo() throws Exception {
        CliRun broken = CliRun.of("dns", "ok.example.org", "--zone", zone("broken.zone"));
        assertThat(broken.exit()).isEqualTo(2);
        assertThat(broken.err()).contains("broken.zone:4");
        assertThat(CliRun.of("dns", "a.example").exit()).isEqualTo(2);
        assertThat(CliRun.of("dns", "a.example", "--server", "ns.example.com").err()).contains("must be an IP address");
        assertThat(CliRun.of("dns", "a.example", "--zone", zone("example.com.zone"), "--type", "SRV").exit()).isEqualTo(2);
    }
}

package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.maildrift.testsupport.StubDnsServer;

class DnsCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MaildriftCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String zone(String name) throws URISyntaxException {
        return Path.of(DnsCommandTest.class.getResource("/org/maildrift/dns/zonefile/" + name).toURI()).toString();
    }

    @Test
    void showsTheChainAndExitsZeroWhenEverythingWasAnswered() throws Exception {
        Run r = run("dns", "lists.example.com", "nosuch.example.com", "--zone", zone("example.com.zone"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("lists.example.com. CNAME ml.example.com.", "newserver01.example.com. A 192.0.2.20",
                "nosuch.example.com. A: nxdomain");
    }

    @Test
    void exitsThreeWhenALookupIsInconclusive() throws Exception {
        Run r = run("dns", "www.example.net", "--zone", zone("example.com.zone"), "--format", "json");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("\"outcome\": \"check-error\"", "\"error\": \"not-covered\"");
        try (StubDnsServer silent = new StubDnsServer((q, tcp) -> null)) {
            Run t = run("dns", "mail.example.com", "--server", silent.address(), "--timeout", "200");
            assertThat(t.exit()).isEqualTo(3);
            assertThat(t.out()).contains("check-error (timeout)", "from " + silent.address());
        }
    }

    @Test
    void looksUpPtrForAnAddress() throws Exception {
        Run r = run("dns", "192.0.2.20", "--type", "PTR", "--zone", zone("2.0.192.in-addr.arpa.zone"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("20.2.0.192.in-addr.arpa. PTR newserver01.example.com.");
    }

    @Test
    void rejectsBadInputWithExitTwo() throws Exception {
        Run broken = run("dns", "ok.example.org", "--zone", zone("broken.zone"));
        assertThat(broken.exit()).isEqualTo(2);
        assertThat(broken.err()).contains("broken.zone:4");
        assertThat(run("dns", "a.example").exit()).isEqualTo(2);
        assertThat(run("dns", "a.example", "--server", "ns.example.com").err()).contains("must be an IP address");
        assertThat(run("dns", "a.example", "--zone", zone("example.com.zone"), "--type", "TXT").exit()).isEqualTo(2);
    }
}

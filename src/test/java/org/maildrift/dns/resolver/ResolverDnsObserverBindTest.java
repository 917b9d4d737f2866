package org.maildrift.dns.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.dns.DnsObserver;
import org.maildrift.dns.model.CnameHop;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.testsupport.BindServer;

/** Live lookups against a real BIND serving zones this test writes. */
class ResolverDnsObserverBindTest {

    @TempDir
    static Path dir;

    private static BindServer bind;
    private static ResolverDnsObserver dns;

    static final String EXAMPLE = """
            $TTL 300
            @        IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300
                     IN NS  ns1
                     IN MX  10 mx1
                     IN MX  20 mxalias
            ns1      IN A   127.0.0.1
            mx1      IN A   192.0.2.25
            mxalias  IN CNAME mx1
            NEWSERVER01 IN A 192.0.2.20
            ML       IN CNAME NEWSERVER01
            lists    IN CNAME ML
            dangling IN CNAME gone
            loop1    IN CNAME loop2
            loop2    IN CNAME loop1
            c0 IN CNAME c1
            c1 IN CNAME c2
            c2 IN CNAME c3
            c3 IN CNAME c4
            c4 IN CNAME c5
            c5 IN CNAME c6
            c6 IN CNAME c7
            c7 IN CNAME c8
            c8 IN CNAME c9
            c9 IN A 192.0.2.99
            cross    IN CNAME host.example.net.
            """;

    static final String EXAMPLE_NET = """
            $TTL 300
            @    IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300
                 IN NS  ns1.example.com.
            host IN A   192.0.2.80
            """;

    static final String REVERSE = """
            $TTL 300
            @  IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300
               IN NS  ns1.example.com.
            20 IN PTR newserver01.example.com.
            """;

    @BeforeAll
    static void startBind() throws Exception {
        bind = BindServer.start(dir, Map.of("example.com", EXAMPLE, "example.net", EXAMPLE_NET,
                "2.0.192.in-addr.arpa", REVERSE));
        dns = new ResolverDnsObserver(new DnsView("test", List.of(DnsView.server(bind.address()))),
                new ResolverDnsObserver.Settings(Duration.ofSeconds(2), 2, 16));
    }

    @AfterAll
    static void stopBind() {
        if (dns != null) {
            dns.close();
        }
        if (bind != null) {
            bind.close();
        }
    }

    @Test
    void followsTheAliasChainToTheAddress() {
        DnsAnswer a = dns.lookup("lists.example.com", RecordType.A);
        assertThat(a.outcome()).isEqualTo(Outcome.ANSWER);
        assertThat(a.chain()).containsExactly(new CnameHop("lists.example.com.", "ml.example.com."),
                new CnameHop("ml.example.com.", "newserver01.example.com."));
        assertThat(a.records()).containsExactly("192.0.2.20");
        assertThat(a.server()).isEqualTo(bind.address());
        assertThat(a.view()).isEqualTo("test");
    }

    @Test
    void followsAnAliasIntoAnotherZoneWithASecondQuery() {
        DnsAnswer a = dns.lookup("cross.example.com", RecordType.A);
        assertThat(a.outcome()).isEqualTo(Outcome.ANSWER);
        assertThat(a.records()).containsExactly("192.0.2.80");
    }

    @Test
    void classifiesFactsAndDefects() {
        assertThat(dns.lookup("nosuch.example.com", RecordType.A).outcome()).isEqualTo(Outcome.NXDOMAIN);
        assertThat(dns.lookup("mx1.example.com", RecordType.AAAA).outcome()).isEqualTo(Outcome.NODATA);
        DnsAnswer dangling = dns.lookup("dangling.example.com", RecordType.A);
        assertThat(dangling.outcome()).isEqualTo(Outcome.NXDOMAIN);
        assertThat(dangling.finalName()).isEqualTo("gone.example.com.");
        assertThat(dns.lookup("loop1.example.com", RecordType.A).outcome()).isEqualTo(Outcome.CNAME_LOOP);
        assertThat(dns.lookup("c0.example.com", RecordType.A).outcome()).isEqualTo(Outcome.CNAME_CHAIN_TOO_LONG);
        assertThat(dns.lookup("c1.example.com", RecordType.A).outcome()).isEqualTo(Outcome.ANSWER);
    }

    @Test
    void answersMxAndPtrInCanonicalForm() {
        assertThat(dns.lookup("EXAMPLE.com", RecordType.MX).records())
                .containsExactly("10 mx1.example.com.", "20 mxalias.example.com.");
        assertThat(dns.lookup(DnsNames.reverse("192.0.2.20"), RecordType.PTR).records())
                .containsExactly("newserver01.example.com.");
    }

    @Test
    void looksUpManyNamesConcurrentlyInQuestionOrder() {
        List<DnsObserver.Question> qs = List.of(new DnsObserver.Question("ml.example.com", RecordType.A),
                new DnsObserver.Question("nosuch.example.com", RecordType.A),
                new DnsObserver.Question("example.com", RecordType.MX));
        List<DnsAnswer> answers = dns.lookupAll(qs);
        assertThat(answers).extracting(DnsAnswer::outcome)
                .containsExactly(Outcome.ANSWER, Outcome.NXDOMAIN, Outcome.ANSWER);
    }
}

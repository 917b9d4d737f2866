package org.maildrift.dns.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.maildrift.dns.model.CheckError;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.testsupport.StubDnsServer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** Faults BIND will not produce on request, from a dnsjava stub server on loopback. */
class ResolverDnsObserverFaultTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    private static Message reply(Message query, int rcode) {
        Message m = new Message(query.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.AA);
        m.getHeader().setRcode(rcode);
        m.addRecord(query.getQuestion(), Section.QUESTION);
        return m;
    }

    private static Message withA(Message query, String... addresses) {
        Message m = reply(query, Rcode.NOERROR);
        Name name = query.getQuestion().getName();
        for (String a : addresses) {
            try {
                m.addRecord(new ARecord(name, DClass.IN, 60, java.net.InetAddress.getByName(a)), Section.ANSWER);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }

    private static DnsAnswer ask(BiFunction<Message, Boolean, Message> handler, String name) throws Exception {
        try (StubDnsServer stub = new StubDnsServer(handler);
                ResolverDnsObserver dns = new ResolverDnsObserver(
                        new DnsView("stub", List.of(DnsView.server(stub.address()))),
                        new ResolverDnsObserver.Settings(SHORT, 2, 4))) {
            return dns.lookup(name, RecordType.A);
        }
    }

    /**
     * A server the sockets cannot send to (the broadcast address: the kernel refuses each datagram at once) fails
     * every lookup as a network error, each answer in its question's place: a failed send frees its place in the
     * window at once, and the next lookups start from inside the failure, 50,000 times over.
     */
    @Test
    void aServerNoDatagramCanBeSentToFailsEveryLookupAsANetworkError() throws Exception {
        List<org.maildrift.dns.DnsObserver.Question> questions = new java.util.ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            questions.add(new org.maildrift.dns.DnsObserver.Question("n" + i + ".example.com", RecordType.A));
        }
        try (ResolverDnsObserver dns = new ResolverDnsObserver(
                new DnsView("unsendable", List.of(DnsView.server("255.255.255.255:53"))),
                new ResolverDnsObserver.Settings(SHORT, 2, 4))) {
            List<DnsAnswer> answers = dns.lookupAll(questions);
            assertThat(answers).hasSize(questions.size());
            assertThat(answers).allSatisfy(a -> {
                assertThat(a.outcome()).isEqualTo(Outcome.CHECK_ERROR);
                assertThat(a.error()).isEqualTo(CheckError.NETWORK);
            });
            assertThat(answers.get(49_999).name()).isEqualTo("n49999.example.com.");
        }
    }

    @Test
    void readsATimeoutAsCheckErrorNeverAsAbsence() throws Exception {
        DnsAnswer a = ask((q, tcp) -> null, "mail.example.com");
        assertThat(a.outcome()).isEqualTo(Outcome.CHECK_ERROR);
        assertThat(a.error()).isEqualTo(CheckError.TIMEOUT);
        assertThat(a.outcome().isFact()).isFalse();
    }

    @Test
    void readsServfailRefusedAndFormerrAsCheckErrors() throws Exception {
        assertThat(ask((q, tcp) -> reply(q, Rcode.SERVFAIL), "a.example").error()).isEqualTo(CheckError.SERVFAIL);
        assertThat(ask((q, tcp) -> reply(q, Rcode.REFUSED), "a.example").error()).isEqualTo(CheckError.REFUSED);
        assertThat(ask((q, tcp) -> reply(q, Rcode.FORMERR), "a.example").error()).isEqualTo(CheckError.FORMERR);
    }

    @Test
    void retriesOverTcpWhenTheUdpAnswerIsTruncated() throws Exception {
        AtomicInteger tcpSeen = new AtomicInteger();
        DnsAnswer a = ask((q, tcp) -> {
            if (!tcp) {
                return StubDnsServer.truncated(q);
            }
            tcpSeen.incrementAndGet();
            return withA(q, "192.0.2.1", "192.0.2.2");
        }, "big.example");
        assertThat(a.outcome()).isEqualTo(Outcome.ANSWER);
        assertThat(a.records()).containsExactly("192.0.2.1", "192.0.2.2");
        assertThat(tcpSeen.get()).isPositive();
    }

    @Test
    void seesNoChangeWhenOnlyRecordOrderCaseAndTtlDiffer() throws Exception {
        AtomicInteger n = new AtomicInteger();
        BiFunction<Message, Boolean, Message> rotating = (q, tcp) -> n.getAndIncrement() % 2 == 0
                ? withA(q, "192.0.2.1", "192.0.2.2") : withA(q, "192.0.2.2", "192.0.2.1");
        try (StubDnsServer stub = new StubDnsServer(rotating);
                ResolverDnsObserver dns = new ResolverDnsObserver(
                        new DnsView("stub", List.of(DnsView.server(stub.address()))),
                        new ResolverDnsObserver.Settings(SHORT, 2, 4))) {
            DnsAnswer first = dns.lookup("Mail.Example.COM", RecordType.A);
            DnsAnswer second = dns.lookup("mail.example.com.", RecordType.A);
            assertThat(first.sameContentAs(second)).isTrue();
            assertThat(first.name()).isEqualTo("mail.example.com.");
        }
    }

    @Test
    void recordsTwoServersOfOneViewThatDisagree() throws Exception {
        try (StubDnsServer one = new StubDnsServer((q, tcp) -> withA(q, "192.0.2.1"));
                StubDnsServer two = new StubDnsServer((q, tcp) -> reply(q, Rcode.NXDOMAIN));
                ResolverDnsObserver dns = new ResolverDnsObserver(new DnsView("split",
                        List.of(DnsView.server(one.address()), DnsView.server(two.address()))),
                        new ResolverDnsObserver.Settings(SHORT, 1, 4))) {
            ResolverDnsObserver.ViewAnswer v = dns.lookupView("mail.example.com", RecordType.A);
            assertThat(v.answers()).extracting(DnsAnswer::outcome).containsExactly(Outcome.ANSWER, Outcome.NXDOMAIN);
            assertThat(v.consistent()).isFalse();
        }
    }

    @Test
    void anNxdomainInOneRunDoesNotHideARecordInTheNext() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (StubDnsServer stub = new StubDnsServer((q, tcp) -> n.getAndIncrement() == 0 ? reply(q, Rcode.NXDOMAIN)
                : withA(q, "192.0.2.7"))) {
            for (int run = 0; run < 2; run++) {
                try (ResolverDnsObserver dns = new ResolverDnsObserver(
                        new DnsView("stub", List.of(DnsView.server(stub.address()))),
                        new ResolverDnsObserver.Settings(SHORT, 1, 4))) {
                    DnsAnswer a = dns.lookup("new.example.com", RecordType.A);
                    assertThat(a.outcome()).isEqualTo(run == 0 ? Outcome.NXDOMAIN : Outcome.ANSWER);
                }
            }
        }
    }
}

package org.maildrift.dns.resolver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import org.maildrift.dns.CnameChase;
import org.maildrift.dns.DnsObserver;
import org.maildrift.dns.model.CheckError;
import org.maildrift.dns.model.CnameHop;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.RecordType;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Live lookups against every server of one view, each server asked on its own (no ExtendedResolver:
 * a failing server must show, not be hidden by another): dnsjava messages over a multiplexed UDP
 * transport ({@link UdpMultiplexer}), a timeout per attempt and a bounded number of attempts, TCP
 * (dnsjava's {@link SimpleResolver}) when a UDP answer is truncated, EDNS payload 1232, absolute names
 * only, no hosts file and no cache. CNAME chains are followed by maildrift.
 */
public final class ResolverDnsObserver implements DnsObserver, AutoCloseable {

    /**
     * Lookup settings; defaults 5 s per attempt, 2 attempts, at most 128 queries in flight. Not more: BIND's
     * socket keeps the kernel's default receive buffer (212,992 bytes, room for about 200 queries on loopback), and
     * with 256 in flight it dropped hundreds of queries of a 50,000-name collection, some twice, so that lookups
     * failed; 128 reaches the same rate without a loss (bench/README.md).
     */
    public record Settings(Duration timeout, int attempts, int concurrency) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(5), 2, 128);
    }

    /** What every server of the view said; {@link #consistent()} is false when facts differ. */
    public record ViewAnswer(String view, List<DnsAnswer> answers) {
        public boolean consistent() {
            DnsAnswer first = null;
            for (DnsAnswer a : answers) {
                if (!a.outcome().isFact()) {
                    continue;
                }
                if (first == null) {
                    first = a;
                } else if (!first.sameContentAs(a)) {
                    return false;
                }
            }
            return true;
        }

        /** The first server's factual answer, else the first answer (an error). */
        public DnsAnswer preferred() {
            for (DnsAnswer a : answers) {
                if (a.outcome().isFact()) {
                    return a;
                }
            }
            return answers.get(0);
        }
    }

    private final DnsView view;
    private final Settings settings;
    private final List<SimpleResolver> resolvers = new ArrayList<>();
    private final UdpMultiplexer udp;

    public ResolverDnsObserver(DnsView view, Settings settings) {
        this.view = view;
        this.settings = settings;
        for (InetSocketAddress server : view.servers()) {
            // Used for TCP only: when a UDP answer comes back truncated.
            SimpleResolver r = new SimpleResolver(server);
            r.setTimeout(settings.timeout());
            r.setEDNS(0, 1232, 0, List.of());
            r.setTCP(true);
            resolvers.add(r);
        }
        try {
            this.udp = new UdpMultiplexer(settings.concurrency());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open UDP sockets for DNS", e);
        }
    }

    public DnsView view() {
        return view;
    }

    /** UDP queries sent so far. */
    public long queriesSent() {
        return udp.sent();
    }

    @Override
    public DnsAnswer lookup(String name, RecordType type) {
        return lookupView(name, type).preferred();
    }

    /** The answer of each server of the view. */
    public ViewAnswer lookupView(String name, RecordType type) {
        return lookupViewAsync(name, type).join();
    }

    /** The answer of each server of the view, without blocking a thread while queries are out. */
    public CompletableFuture<ViewAnswer> lookupViewAsync(String name, RecordType type) {
        String qname = DnsNames.canonical(name);
        List<CompletableFuture<DnsAnswer>> perServer = new ArrayList<>();
        for (int i = 0; i < resolvers.size(); i++) {
            SimpleResolver tcp = resolvers.get(i);
            InetSocketAddress address = view.servers().get(i);
            String server = DnsView.label(address);
            perServer.add(CnameChase.followAsync(qname, type, view.name(),
                    (n, t) -> ask(address, tcp, server, n, t, 1)));
        }
        return CompletableFuture.allOf(perServer.toArray(CompletableFuture[]::new))
                .thenApply(v -> new ViewAnswer(view.name(), perServer.stream().map(CompletableFuture::join).toList()));
    }

    @Override
    public List<DnsAnswer> lookupAll(List<Question> questions) {
        return lookupViews(questions).stream().map(ViewAnswer::preferred).toList();
    }

    /**
     * Many lookups at once, answers in question order. The transport bounds the queries in flight; here at most
     * twice that many lookups are under way at a time, the next one starting as one ends, so that the work of
     * 50,000 lookups (their futures, chases and waiting queries) is not all alive at once: it dies young instead
     * of filling the old generation (the collector took more CPU per query than the reader thread before).
     */
    public List<ViewAnswer> lookupViews(List<Question> questions) {
        List<CompletableFuture<ViewAnswer>> futures = new ArrayList<>(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            futures.add(new CompletableFuture<>());
        }
        new Pump(questions, futures, Math.max(1, 2 * settings.concurrency())).pump();
        List<ViewAnswer> out = new ArrayList<>(questions.size());
        for (CompletableFuture<ViewAnswer> f : futures) {
            out.add(f.join());
        }
        return out;
    }

    /**
     * Starts lookups while fewer than {@code limit} are under way. A lookup that ends at once (a cached or
     * invalid name) calls {@link #pump} from inside it: the work counter turns that into another turn of the
     * running loop instead of a deeper stack.
     */
    private final class Pump {
        private final List<Question> questions;
        private final List<CompletableFuture<ViewAnswer>> results;
        private final int limit;
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger work = new java.util.concurrent.atomic.AtomicInteger();

        Pump(List<Question> questions, List<CompletableFuture<ViewAnswer>> results, int limit) {
            this.questions = questions;
            this.results = results;
            this.limit = limit;
        }

        void pump() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            do {
                while (running.get() < limit) {
                    int i = next.getAndIncrement();
                    if (i >= questions.size()) {
                        break;
                    }
                    running.incrementAndGet();
                    Question q = questions.get(i);
                    CompletableFuture<ViewAnswer> lookup;
                    try {
                        lookup = lookupViewAsync(q.name(), q.type());
                    } catch (RuntimeException e) {
                        lookup = CompletableFuture.failedFuture(e);
                    }
                    lookup.whenComplete((answer, failure) -> {
                        if (failure != null) {
                            results.get(i).completeExceptionally(failure);
                        } else {
                            results.get(i).complete(answer);
                        }
                        running.decrementAndGet();
                        pump();
                    });
                }
            } while (work.decrementAndGet() != 0);
        }
    }

    private CompletableFuture<CnameChase.Step> ask(InetSocketAddress address, SimpleResolver tcp, String server,
            String name, RecordType type, int attempt) {
        boolean last = attempt >= Math.max(1, settings.attempts());
        Duration wait = last ? settings.timeout() : udp.retransmitTimeout(settings.timeout());
        CompletableFuture<DnsWire.WireResponse> sent;
        try {
            sent = udp.send(address, name, DnsWire.typeCode(type), wait);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(
                    new CnameChase.Failed(CheckError.FORMERR, "not a valid name: " + name, server));
        }
        return sent.thenCompose(response -> {
            if (!response.truncated()) {
                return CompletableFuture.completedFuture(interpret(response, server, name, type));
            }
            return overTcp(tcp, server, name, type);
        }).exceptionallyCompose(e -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            boolean timeout = cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof SocketTimeoutException;
            if (timeout && !last) {
                return ask(address, tcp, server, name, type, attempt + 1);
            }
            if (timeout) {
                return CompletableFuture.completedFuture(new CnameChase.Failed(CheckError.TIMEOUT, "no answer after "
                        + attempt + " attempt(s), the last waiting " + settings.timeout().toMillis() + " ms", server));
            }
            return CompletableFuture.completedFuture(new CnameChase.Failed(CheckError.NETWORK, cause.toString(),
                    server));
        });
    }

    /** A truncated UDP answer is asked again over TCP with dnsjava's resolver. */
    private static CompletableFuture<CnameChase.Step> overTcp(SimpleResolver tcp, String server, String name,
            RecordType type) {
        Message query;
        try {
            query = Message.newQuery(Record.newRecord(Name.fromString(name), Type.value(type.name()), DClass.IN));
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(
                    new CnameChase.Failed(CheckError.FORMERR, "not a valid name: " + name, server));
        }
        return tcp.sendAsync(query).toCompletableFuture()
                .thenApply(full -> interpret(DnsWire.parse(full.toWire()), server, name, type));
    }

    /** Turns one response into a chase step: the CNAMEs in its answer section, then where they end. */
    static CnameChase.Step interpret(DnsWire.WireResponse response, String server, String qname, RecordType type) {
        int rcode = response.rcode();
        switch (rcode) {
            case Rcode.NOERROR, Rcode.NXDOMAIN -> {
            }
            case Rcode.SERVFAIL -> {
                // An authoritative server answers a CNAME loop with SERVFAIL and the loop itself: that is a fact.
                List<CnameHop> loop = loopInAnswer(response, qname);
                if (loop != null) {
                    return new CnameChase.Chain(loop, null);
                }
                return new CnameChase.Failed(CheckError.SERVFAIL, "SERVFAIL", server);
            }
            case Rcode.REFUSED -> {
                return new CnameChase.Failed(CheckError.REFUSED, "REFUSED", server);
            }
            case Rcode.FORMERR -> {
                return new CnameChase.Failed(CheckError.FORMERR, "FORMERR", server);
            }
            default -> {
                return new CnameChase.Failed(CheckError.OTHER_RCODE, Rcode.string(rcode), server);
            }
        }
        if (response.truncated()) {
            return new CnameChase.Failed(CheckError.NETWORK, "answer truncated even over TCP", server);
        }
        int wanted = DnsWire.typeCode(type);
        List<CnameHop> hops = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        String current = qname;
        seen.add(current);
        for (int guard = 0; guard <= MAX_CNAME_HOPS + 1; guard++) {
            TreeSet<String> records = new TreeSet<>();
            List<String> cnames = new ArrayList<>();
            for (DnsWire.WireRecord r : response.answers()) {
                if (!r.owner().equals(current) || r.rdata() == null) {
                    continue;
                }
                if (r.type() == wanted) {
                    records.add(r.rdata());
                } else if (r.type() == DnsWire.CNAME) {
                    cnames.add(r.rdata());
                }
            }
            if (!records.isEmpty()) {
                return new CnameChase.Chain(hops, new CnameChase.Records(records, server));
            }
            if (cnames.size() > 1) {
                return new CnameChase.Chain(hops, new CnameChase.Alias(cnames, server));
            }
            if (cnames.isEmpty()) {
                break;
            }
            hops.add(new CnameHop(current, cnames.get(0)));
            if (!seen.add(cnames.get(0))) {
                break;
            }
            current = cnames.get(0);
        }
        if (rcode == Rcode.NXDOMAIN) {
            return new CnameChase.Chain(hops, new CnameChase.NxDomain(server));
        }
        if (hops.isEmpty()) {
            return new CnameChase.NoData(server);
        }
        // The answer ends at an alias target without data for it: ask about the target itself.
        return new CnameChase.Chain(hops, null);
    }

    /** The CNAME chain from qname in the answer section when it comes back to a name already on it. */
    private static List<CnameHop> loopInAnswer(DnsWire.WireResponse response, String qname) {
        List<CnameHop> hops = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        seen.add(qname);
        String current = qname;
        for (int i = 0; i <= MAX_CNAME_HOPS + 1; i++) {
            String target = null;
            for (DnsWire.WireRecord r : response.answers()) {
                if (r.type() == DnsWire.CNAME && r.owner().equals(current) && r.rdata() != null) {
                    target = r.rdata();
                    break;
                }
            }
            if (target == null) {
                return null;
            }
            hops.add(new CnameHop(current, target));
            if (!seen.add(target)) {
                return hops;
            }
            current = target;
        }
        return null;
    }

    @Override
    public void close() {
        udp.close();
    }
}

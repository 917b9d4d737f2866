package org.maildrift.dns.resolver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;


/**
 * Sends many DNS queries over a few long-lived UDP sockets and matches the responses by source address,
 * ID and question (encoded and read with the lean {@link DnsWire} codec), instead of one socket and one thread per query (what made the stock dnsjava path
 * slow: about 3,000 queries/s against BIND on loopback). Each socket is bound to a random ephemeral
 * port and every query gets a random ID (anti-spoofing); the receive buffer is sized for bursts; the
 * number of queries in flight is bounded and adapts: it grows while answers come back and halves on a
 * timeout. One selector thread reads, a sweep fails queries past their deadline.
 */
final class UdpMultiplexer implements AutoCloseable {

    private static final int SOCKETS = 4;
    private static final int MIN_WINDOW = 16;
    private static final Duration MIN_RETRANSMIT = Duration.ofMillis(50);
    private final int maxWindow;

    private static final class Pending {
        final CompletableFuture<DnsWire.WireResponse> future;
        final String qname;
        final int qtype;
        final long deadline;
        final int socket;
        final int id;
        final SocketAddress server;
        final long sentAt = System.nanoTime();

        Pending(String qname, int qtype, long deadline, int socket, int id, SocketAddress server,
                CompletableFuture<DnsWire.WireResponse> future) {
            this.future = future;
            this.qname = qname;
            this.qtype = qtype;
            this.deadline = deadline;
            this.socket = socket;
            this.id = id;
            this.server = server;
        }
    }

    private final SecureRandom random = new SecureRandom();
    /** Random bytes for query IDs, drawn from {@link #random} a few thousand at a time. */
    private final byte[] idBytes = new byte[4096];
    private int idPos = idBytes.length;
    private final DatagramChannel[] channels = new DatagramChannel[SOCKETS];
    /** Per socket, the query waiting under each ID (an ID is used by one query of a socket at a time). */
    private final List<AtomicReferenceArray<Pending>> pending = new ArrayList<>();
    /** The queries sent and not yet swept, for the timeout sweep (finished ones are dropped as it meets them). */
    private final ConcurrentLinkedQueue<Pending> outstanding = new ConcurrentLinkedQueue<>();
    private final Selector selector;
    private final Thread reader;
    private final Semaphore window;
    private volatile int windowSize;
    private volatile boolean open = true;
    private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

    /** Smoothed round-trip time in nanoseconds (RFC 6298 style), 0 until the first answer. */
    private volatile double srtt;

    /**
     * How long an attempt that will be followed by another should wait: eight smoothed round trips, at
     * least 50 ms (unbound's floor for a server's retransmit timeout), at most {@code max}. A lost
     * datagram then costs a fraction of a second, while the last attempt still waits the full
     * configured timeout.
     */
    Duration retransmitTimeout(Duration max) {
        double s = srtt;
        if (s <= 0) {
            return max;
        }
        long nanos = Math.max(MIN_RETRANSMIT.toNanos(), (long) (8 * s));
        return nanos >= max.toNanos() ? max : Duration.ofNanos(nanos);
    }

    /** Queries sent so far (for measurements). */
    long sent() {
        return sent.get();
    }

    UdpMultiplexer(int maxInFlight) throws IOException {
        this.maxWindow = Math.max(MIN_WINDOW, maxInFlight);
        this.windowSize = Math.max(MIN_WINDOW, maxWindow / 2);
        this.window = new Semaphore(windowSize);
        selector = Selector.open();
        for (int i = 0; i < SOCKETS; i++) {
            DatagramChannel ch = DatagramChannel.open();
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            ch.bind(null);
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ, i);
            channels[i] = ch;
            pending.add(new AtomicReferenceArray<>(0x10000));
        }
        reader = new Thread(this::readLoop, "maildrift-dns-udp");
        reader.setDaemon(true);
        reader.start();
    }

    private record Request(InetSocketAddress server, String qname, int qtype, Duration timeout,
            CompletableFuture<DnsWire.WireResponse> result) {
    }

    private final ConcurrentLinkedQueue<Request> waiting = new ConcurrentLinkedQueue<>();

    /**
     * Sends {@code query} (its ID is replaced) and completes with the matching response or a timeout.
     * Never blocks: beyond the in-flight window a query waits in a queue until an answer frees a place.
     */
    CompletableFuture<DnsWire.WireResponse> send(InetSocketAddress server, String qname, int qtype, Duration timeout) {
        CompletableFuture<DnsWire.WireResponse> result = new CompletableFuture<>();
        waiting.add(new Request(server, qname, qtype, timeout, result));
        drain();
        return result;
    }

    private void drain() {
        while (!waiting.isEmpty() && window.tryAcquire()) {
            Request r = waiting.poll();
            if (r == null) {
                window.release();
                return;
            }
            dispatch(r);
        }
    }

    private synchronized int randomId() {
        if (idPos == idBytes.length) {
            random.nextBytes(idBytes);
            idPos = 0;
        }
        int id = ((idBytes[idPos] & 0xff) << 8) | (idBytes[idPos + 1] & 0xff);
        idPos += 2;
        return id;
    }

    private void dispatch(Request r) {
        int socket = java.util.concurrent.ThreadLocalRandom.current().nextInt(SOCKETS);
        AtomicReferenceArray<Pending> table = pending.get(socket);
        InetSocketAddress server = r.server();
        long deadline = System.nanoTime() + r.timeout().toNanos();
        Pending p;
        for (;;) {
            int id = randomId();
            p = new Pending(r.qname(), r.qtype(), deadline, socket, id, server, r.result());
            if (table.compareAndSet(id, null, p)) {
                break;
            }
        }
        outstanding.add(p);
        sent.incrementAndGet();
        try {
            channels[socket].send(ByteBuffer.wrap(DnsWire.query(p.id, p.qname, p.qtype)), server);
        } catch (IOException | RuntimeException e) {
            finish(p, null, e);
        }
    }

    private void finish(Pending p, DnsWire.WireResponse m, Throwable failure) {
        if (pending.get(p.socket).compareAndSet(p.id, p, null)) {
            window.release();
            drain();
            if (failure == null) {
                double rtt = System.nanoTime() - p.sentAt;
                double s = srtt;
                srtt = s <= 0 ? rtt : s + (rtt - s) / 8;
                p.future.complete(m);
                if (windowSize < maxWindow
                        && java.util.concurrent.ThreadLocalRandom.current().nextInt(windowSize) == 0) {
                    windowSize++;
                    window.release();
                }
            } else {
                p.future.completeExceptionally(failure);
            }
        }
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(65535);
        long nextSweep = System.nanoTime();
        while (open) {
            try {
                selector.select(20);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    int socket = (Integer) k.attachment();
                    DatagramChannel ch = channels[socket];
                    SocketAddress from;
                    while ((from = ch.receive(buf.clear())) != null) {
                        buf.flip();
                        byte[] wire = new byte[buf.remaining()];
                        buf.get(wire);
                        deliver(socket, from, wire);
                    }
                }
                long now = System.nanoTime();
                if (now >= nextSweep) {
                    sweep(now);
                    drain();
                    nextSweep = now + TimeUnit.MILLISECONDS.toNanos(20);
                }
            } catch (IOException | RuntimeException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private void deliver(int socket, SocketAddress from, byte[] wire) {
        DnsWire.WireResponse m;
        try {
            m = DnsWire.parse(wire);
        } catch (IllegalArgumentException e) {
            return;
        }
        Pending p = pending.get(socket).get(m.id());
        if (p == null || !from.equals(p.server)) {
            return;
        }
        if (m.qname() == null || !m.qname().equals(p.qname) || m.qtype() != p.qtype || m.qclass() != 1) {
            return;
        }
        finish(p, m, null);
    }

    private void sweep(long now) {
        boolean timedOut = false;
        for (Iterator<Pending> it = outstanding.iterator(); it.hasNext();) {
            Pending p = it.next();
            if (pending.get(p.socket).get(p.id) != p) {
                it.remove(); // answered or failed
            } else if (now - p.deadline > 0) {
                it.remove();
                finish(p, null, new TimeoutException("no answer from " + p.server));
                timedOut = true;
            }
        }
        if (timedOut && windowSize > MIN_WINDOW) {
            int cut = windowSize / 2;
            if (window.tryAcquire(cut)) {
                windowSize -= cut;
            }
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (DatagramChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Pending p : outstanding) {
            p.future.completeExceptionally(new IOException("transport closed"));
        }
        for (Request r : waiting) {
            r.result().completeExceptionally(new IOException("transport closed"));
        }
    }
}

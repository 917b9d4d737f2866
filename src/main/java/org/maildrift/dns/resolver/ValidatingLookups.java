package org.maildrift.dns.resolver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

import org.maildrift.dns.DnsObserver.Question;
import org.maildrift.dns.model.Validated;

/**
 * A view's validated lookups, each asked once: a few {@link DnssecValidator}s (each with its own key cache)
 * answer concurrently when collection prefetches the TLSA names, and one at a time for a question a rule
 * asks later. Thread-safe.
 */
public final class ValidatingLookups {

    /** Validators that run at once when prefetching. */
    public static final int PARALLEL = 8;

    private final String view;
    private final InetSocketAddress server;
    private final String anchors;
    private final Duration timeout;
    private final Clock clock;
    private final Map<Question, Validated> done = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<DnssecValidator> idle = new LinkedBlockingQueue<>();

    /** Throws when the trust anchors do not load (checked with {@link DnssecValidator#checkTrustAnchors}). */
    public ValidatingLookups(String view, InetSocketAddress server, String anchors, Duration timeout, Clock clock)
            throws IOException {
        this.view = view;
        this.server = server;
        this.anchors = anchors;
        this.timeout = timeout;
        this.clock = clock;
        idle.add(new DnssecValidator(view, server, anchors, timeout, clock));
    }

    public Validated lookup(Question q) {
        Validated v = done.get(q);
        if (v != null) {
            return v;
        }
        DnssecValidator validator = borrow();
        try {
            v = validator.lookup(q.name(), q.type());
        } finally {
            idle.add(validator);
        }
        Validated first = done.putIfAbsent(q, v);
        return first != null ? first : v;
    }

    /** Asks these questions now, {@link #PARALLEL} at a time; later lookups of them are answered from memory. */
    public void prefetch(Collection<Question> questions) {
        List<Question> todo = questions.stream().filter(q -> !done.containsKey(q)).distinct().toList();
        if (todo.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, todo.size()), r -> {
            Thread t = new Thread(r, "dnssec-" + view);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Validated>> running = new ArrayList<>();
            for (Question q : todo) {
                running.add(pool.submit(() -> lookup(q)));
            }
            for (Future<Validated> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // a question that failed here is asked again, one at a time, when a rule needs it
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }

    private DnssecValidator borrow() {
        DnssecValidator v = idle.poll();
        if (v != null) {
            return v;
        }
        try {
            return new DnssecValidator(view, server, anchors, timeout, clock);
        } catch (IOException e) {
            // the anchors loaded for the first validator: wait for one to come back
            try {
                return idle.take();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a validator", ie);
            }
        }
    }
}

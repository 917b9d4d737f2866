package org.maildrift.dns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.maildrift.dns.model.CheckError;
import org.maildrift.dns.model.CnameHop;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;

/**
 * Follows CNAME chains for every adapter, so that the limits and outcomes are the same whatever the
 * source: a name seen twice is a loop, more than {@link DnsObserver#MAX_CNAME_HOPS} hops is too long,
 * several CNAMEs at one name is a defect, and a failure anywhere makes the whole lookup CHECK_ERROR.
 */
public final class CnameChase {

    /** What one source says about one name. */
    public sealed interface Step {
    }

    /** Records of the asked type at the name. */
    public record Records(SortedSet<String> records, String server) implements Step {
    }

    /** The name is an alias (several targets = a defect). */
    public record Alias(List<String> targets, String server) implements Step {
    }

    /**
     * Several links at once, as a resolver's answer section gives them, then where they end:
     * {@code end} is null when the chain continues past the last target and must be asked again.
     */
    public record Chain(List<CnameHop> hops, Step end) implements Step {
    }

    public record NxDomain(String server) implements Step {
    }

    public record NoData(String server) implements Step {
    }

    public record Failed(CheckError error, String detail, String server) implements Step {
    }

    /** Answers one name and type from a source (no chasing). */
    @FunctionalInterface
    public interface Source {
        Step resolve(String name, RecordType type);
    }

    private CnameChase() {
    }

    /** Answers one name and type from a source without blocking (no chasing). */
    @FunctionalInterface
    public interface AsyncSource {
        java.util.concurrent.CompletableFuture<Step> resolve(String name, RecordType type);
    }

    public static DnsAnswer follow(String name, RecordType type, String view, Source source) {
        Chaser chaser = new Chaser(name, type, view);
        String current = name;
        for (;;) {
            Object next = chaser.advance(current, source.resolve(current, type));
            if (next instanceof DnsAnswer done) {
                return done;
            }
            current = (String) next;
        }
    }

    /** The same chase without blocking a thread per lookup: each step is asked when the previous one answers. */
    public static java.util.concurrent.CompletableFuture<DnsAnswer> followAsync(String name, RecordType type,
            String view, AsyncSource source) {
        return stepAsync(new Chaser(name, type, view), name, source);
    }

    private static java.util.concurrent.CompletableFuture<DnsAnswer> stepAsync(Chaser chaser, String current,
            AsyncSource source) {
        return source.resolve(current, chaser.type).thenCompose(step -> {
            Object next = chaser.advance(current, step);
            if (next instanceof DnsAnswer done) {
                return java.util.concurrent.CompletableFuture.completedFuture(done);
            }
            return stepAsync(chaser, (String) next, source);
        });
    }

    /** The state of one chase: hops so far and names seen. */
    private static final class Chaser {
        final String name;
        final RecordType type;
        final String view;
        final List<CnameHop> hops = new ArrayList<>();
        final Set<String> seen = new HashSet<>();

        Chaser(String name, RecordType type, String view) {
            this.name = name;
            this.type = type;
            this.view = view;
            seen.add(name);
        }

        /** Applies what the source said about {@code current}: the final answer, or the next name to ask. */
        Object advance(String current, Step step) {
            if (step instanceof Chain c) {
                for (CnameHop hop : c.hops()) {
                    DnsAnswer defect = addHop(name, type, view, hops, seen, hop, null);
                    if (defect != null) {
                        return defect;
                    }
                }
                if (c.end() == null) {
                    if (c.hops().isEmpty()) {
                        return error(name, type, view, hops, CheckError.OTHER_RCODE, "empty chain", null);
                    }
                    return hops.get(hops.size() - 1).target();
                }
                step = c.end();
            }
            if (step instanceof Alias a) {
                if (a.targets().size() > 1) {
                    return new DnsAnswer(name, type, Outcome.CNAME_MULTIPLE, hops, new TreeSet<>(a.targets()), null,
                            current + " has " + a.targets().size() + " CNAME records", a.server(), view);
                }
                DnsAnswer defect = addHop(name, type, view, hops, seen, new CnameHop(current, a.targets().get(0)),
                        a.server());
                return defect != null ? defect : a.targets().get(0);
            } else if (step instanceof Records r) {
                return new DnsAnswer(name, type, Outcome.ANSWER, hops, r.records(), null, null, r.server(), view);
            } else if (step instanceof NxDomain nx) {
                String end = hops.isEmpty() ? current : hops.get(hops.size() - 1).target();
                return new DnsAnswer(name, type, Outcome.NXDOMAIN, hops, new TreeSet<>(), null,
                        hops.isEmpty() ? null : "the chain ends at a name that does not exist: " + end,
                        nx.server(), view);
            } else if (step instanceof NoData nd) {
                return new DnsAnswer(name, type, Outcome.NODATA, hops, new TreeSet<>(), null, null, nd.server(), view);
            } else if (step instanceof Failed f) {
                return error(name, type, view, hops, f.error(), f.detail(), f.server());
            }
            return error(name, type, view, hops, CheckError.OTHER_RCODE, "nested chain", null);
        }
    }

    private static DnsAnswer addHop(String name, RecordType type, String view, List<CnameHop> hops, Set<String> seen,
            CnameHop hop, String server) {
        hops.add(hop);
        if (!seen.add(hop.target())) {
            return new DnsAnswer(name, type, Outcome.CNAME_LOOP, hops, new TreeSet<>(), null,
                    "CNAME loop through " + hop.target(), server, view);
        }
        if (hops.size() > DnsObserver.MAX_CNAME_HOPS) {
            return new DnsAnswer(name, type, Outcome.CNAME_CHAIN_TOO_LONG, hops, new TreeSet<>(), null,
                    "more than " + DnsObserver.MAX_CNAME_HOPS + " CNAME hops", server, view);
        }
        return null;
    }

    private static DnsAnswer error(String name, RecordType type, String view, List<CnameHop> hops, CheckError error,
            String detail, String server) {
        return new DnsAnswer(name, type, Outcome.CHECK_ERROR, hops, new TreeSet<>(), error, detail, server, view);
    }
}

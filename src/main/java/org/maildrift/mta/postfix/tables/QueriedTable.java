package org.maildrift.mta.postfix.tables;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the SQL and LDAP clients share, as db_common does for Postfix: the {@code domain} filter, one
 * answer per key kept for the check (failures too: a server that refused is not asked again for the
 * same name), the check's lookup budget, and asking ahead four keys at a time.
 */
abstract class QueriedTable implements TableLookup {

    private static final int KEPT = 200_000;
    private static final int AHEAD = 4;

    private final List<String> domains;
    private final AtomicInteger budget;
    private final Map<String, TableAnswer> answers = new ConcurrentHashMap<>();

    QueriedTable(List<String> domains, AtomicInteger budget) {
        this.domains = List.copyOf(domains);
        this.budget = budget;
    }

    /**
     * The values of one lookup, as db_common_expand() gathers them: empty and NULL values skipped, each
     * through result_format (which may suppress it), more than expansion_limit a lookup error.
     */
    static final class Results {
        private final String format;
        private final int limit;
        private final String key;
        private final List<String> values = new ArrayList<>();

        Results(String format, int limit, String key) {
            this.format = format;
            this.limit = limit;
            this.key = key;
        }

        /** Adds one value; false once there are more than expansion_limit. */
        boolean add(String value) {
            if (value == null || value.isEmpty()) {
                return true;
            }
            String r = QueryExpansion.result(format, value, key);
            if (r != null) {
                values.add(r);
            }
            return limit <= 0 || values.size() <= limit;
        }

        TableAnswer overLimit() {
            return TableAnswer.failed("more results than expansion_limit " + limit + " (Postfix reports a lookup error)");
        }

        TableAnswer answer(String none) {
            return values.isEmpty() ? TableAnswer.notFound(none) : TableAnswer.found(String.join(",", values));
        }
    }

    /** Asks the server about a key the domain filter let through; spend() first. */
    abstract TableAnswer ask(String key);

    /** Counts one lookup against the check's budget; false when it is spent. */
    final boolean spend() {
        return budget.decrementAndGet() >= 0;
    }

    static TableAnswer budgetSpent() {
        return TableAnswer.failed("lookup budget of this check spent");
    }

    @Override
    public final boolean fixedKey() {
        return true;
    }

    @Override
    public final TableAnswer lookup(String key) {
        TableAnswer known = answers.get(key);
        if (known != null) {
            return known;
        }
        TableAnswer a = filtered(key);
        if (a == null) {
            a = ask(key);
        }
        if (answers.size() < KEPT) {
            answers.put(key, a);
        }
        return a;
    }

    /** db_common_check_domain(): with {@code domain} set, only addresses in those domains are looked up. */
    private TableAnswer filtered(String key) {
        if (domains.isEmpty()) {
            return null;
        }
        int at = key.lastIndexOf('@');
        if (at <= 0) {
            return TableAnswer.notFound("the table's domain setting limits it to addresses in those domains");
        }
        return domains.contains(key.substring(at + 1)) ? null : TableAnswer.notFound("not in the table's domain setting");
    }

    @Override
    public final void prefetch(Collection<String> keys) {
        List<String> todo = keys.stream().distinct().filter(k -> !answers.containsKey(k)).toList();
        if (todo.size() < 2) {
            return;
        }
        int slices = Math.min(AHEAD, todo.size());
        ExecutorService pool = Executors.newFixedThreadPool(slices, r -> {
            Thread t = new Thread(r, "maildrift-table-prefetch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < slices; s++) {
                List<String> slice = todo.subList(s * todo.size() / slices, (s + 1) * todo.size() / slices);
                futures.add(pool.submit(() -> slice.forEach(this::lookup)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // a key not answered ahead is asked when a rule needs it
        } finally {
            pool.shutdownNow();
        }
    }
}

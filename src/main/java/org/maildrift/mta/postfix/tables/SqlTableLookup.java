package org.maildrift.mta.postfix.tables;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * One SQL table looked up per key as the Postfix client does (dict_mysql, dict_pgsql, dict_sqlite): the
 * domain filter, the expanded query, every non-empty value of the result (SQLite: the first column;
 * MySQL and PostgreSQL: every column) through result_format, at most expansion_limit of them. The
 * query runs read-only with a time limit; an error is FAILED, worded without the server's own message
 * (which may quote the query or the account).
 */
final class SqlTableLookup implements TableLookup {

    static final int QUERY_TIMEOUT_SECONDS = 2;

    /** Where connections come from: a pool, or one SQLite file. */
    interface Connections {
        Connection get() throws SQLException;

        /** Gives a connection back (closes it, or returns it to the pool). */
        void release(Connection c);
    }

    private final TableDefinition definition;
    private final String query;
    private final String resultFormat;
    private final int expansionLimit;
    private final List<String> domains;
    private final UnaryOperator<String> quote;
    private final boolean firstColumnOnly;
    private final Connections connections;
    private final AtomicInteger budget;
    private final Map<String, TableAnswer> answers = new ConcurrentHashMap<>();

    SqlTableLookup(TableDefinition definition, Connections connections, AtomicInteger budget)
            throws TableDefinition.DefinitionException {
        this.definition = definition;
        this.query = definition.query();
        this.resultFormat = definition.resultFormat();
        this.expansionLimit = definition.expansionLimit();
        this.domains = definition.domains();
        this.quote = definition.type().equals("mysql") ? QueryExpansion::quoteMysql : QueryExpansion::quoteDoubling;
        this.firstColumnOnly = definition.type().equals("sqlite");
        this.connections = connections;
        this.budget = budget;
    }

    @Override
    public boolean fixedKey() {
        return true;
    }

    /** Four at a time, as many as the pool holds; every answer is kept for the check. */
    @Override
    public void prefetch(java.util.Collection<String> keys) {
        List<String> todo = keys.stream().distinct().filter(k -> !answers.containsKey(k)).toList();
        if (todo.size() < 2) {
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(4, todo.size()), r -> {
                    Thread t = new Thread(r, "maildrift-table-prefetch");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            int slices = Math.min(4, todo.size());
            for (int s = 0; s < slices; s++) {
                int from = s * todo.size() / slices;
                int to = (s + 1) * todo.size() / slices;
                futures.add(pool.submit(() -> todo.subList(from, to).forEach(this::lookup)));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // a lookup that failed is asked again, and answered FAILED, when a rule needs it
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public TableAnswer lookup(String key) {
        TableAnswer known = answers.get(key);
        if (known != null) {
            return known;
        }
        TableAnswer a = lookupUncached(key);
        // failures are kept too: within one check a database that refused is not asked again for the same name
        if (answers.size() < 200_000) {
            answers.put(key, a);
        }
        return a;
    }

    private TableAnswer lookupUncached(String key) {
        if (!domains.isEmpty()) {
            int at = key.lastIndexOf('@');
            if (at <= 0) {
                return TableAnswer.notFound("the table's domain setting limits it to addresses in those domains");
            }
            if (!domains.contains(key.substring(at + 1))) {
                return TableAnswer.notFound("not in the table's domain setting");
            }
        }
        String q = QueryExpansion.query(query, key, quote);
        if (q == null) {
            return TableAnswer.notFound("the query needs a part of the key it does not have (%d, %u or %1-%9)");
        }
        if (budget.decrementAndGet() < 0) {
            return TableAnswer.failed("lookup budget of this check spent");
        }
        Connection c = null;
        try {
            c = connections.get();
            List<String> values = new ArrayList<>();
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                st.setMaxRows(expansionLimit > 0 ? expansionLimit + 1 : 100_000);
                try (ResultSet rs = st.executeQuery(q)) {
                    int columns = firstColumnOnly ? 1 : rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String v = rs.getString(i);
                            if (v == null || v.isEmpty()) {
                                continue;
                            }
                            String r = QueryExpansion.result(resultFormat, v, key);
                            if (r == null) {
                                continue;
                            }
                            values.add(r);
                            if (expansionLimit > 0 && values.size() > expansionLimit) {
                                return TableAnswer.failed("more results than expansion_limit " + expansionLimit
                                        + " (Postfix reports a lookup error)");
                            }
                        }
                    }
                }
            }
            return values.isEmpty() ? TableAnswer.notFound("no row") : TableAnswer.found(String.join(",", values));
        } catch (SQLException e) {
            return TableAnswer.failed(describe(e));
        } finally {
            if (c != null) {
                connections.release(c);
            }
        }
    }

    /** The failure in maildrift's words: the kind and SQLState, never the server's message. */
    static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
        if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
            return "the database refused the account" + state;
        }
        if (e instanceof SQLTimeoutException) {
            return "timed out after " + QUERY_TIMEOUT_SECONDS + " s" + state;
        }
        if (e instanceof SQLTransientConnectionException || (e.getSQLState() != null
                && e.getSQLState().startsWith("08"))) {
            return "could not connect to the database" + state;
        }
        if (e.getSQLState() != null && (e.getSQLState().startsWith("42") || e.getSQLState().startsWith("3F"))) {
            return "the query failed: no such table or column, or a syntax error" + state;
        }
        if (e.getSQLState() != null && e.getSQLState().startsWith("25")) {
            return "the database refused the query in a read-only transaction" + state;
        }
        return "the lookup failed" + (state.isEmpty() ? " (" + e.getClass().getSimpleName() + ")" : state);
    }

    @Override
    public String toString() {
        return definition.toString();
    }
}

package org.maildrift.mta.postfix.tables;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * One SQL table looked up per key as the Postfix client does (dict_mysql, dict_pgsql, dict_sqlite): the
 * domain filter, the expanded query, every non-empty value of the result (SQLite: the first column;
 * MySQL and PostgreSQL: every column) through result_format, at most expansion_limit of them. The
 * query runs read-only with a time limit; an error is FAILED, worded without the server's own message
 * (which may quote the query or the account).
 */
final class SqlTableLookup extends QueriedTable {

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
    private final UnaryOperator<String> quote;
    private final boolean firstColumnOnly;
    private final Connections connections;

    SqlTableLookup(TableDefinition definition, Connections connections, AtomicInteger budget)
            throws TableDefinition.DefinitionException {
        super(definition.domains(), budget);
        this.definition = definition;
        this.query = definition.query();
        this.resultFormat = definition.resultFormat();
        this.expansionLimit = definition.expansionLimit();
        this.quote = definition.type().equals("mysql") ? QueryExpansion::quoteMysql : QueryExpansion::quoteDoubling;
        this.firstColumnOnly = definition.type().equals("sqlite");
        this.connections = connections;
    }

    @Override
    TableAnswer ask(String key) {
        String q = QueryExpansion.query(query, key, quote);
        if (q == null) {
            return TableAnswer.notFound("the query needs a part of the key it does not have (%d, %u or %1-%9)");
        }
        if (!spend()) {
            return budgetSpent();
        }
        Connection c = null;
        try {
            c = connections.get();
            Results results = new Results(resultFormat, expansionLimit, key);
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                st.setMaxRows(expansionLimit > 0 ? expansionLimit + 1 : 100_000);
                try (ResultSet rs = st.executeQuery(q)) {
                    int columns = firstColumnOnly ? 1 : rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            if (!results.add(rs.getString(i))) {
                                return results.overLimit();
                            }
                        }
                    }
                }
            }
            return results.answer("no row");
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

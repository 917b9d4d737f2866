package org.maildrift.checks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger's bulk work of a run, on the transaction's own connection: the lifecycle counters of the finding rows
 * whose content did not change, what the run observed of each finding, and on PostgreSQL the new finding rows and
 * the lookup of which unseen keys are stored. On PostgreSQL each write is one statement per chunk whose columns
 * arrive as arrays ({@code unnest}): a JDBC batch there still executes one statement per row on the server (10,000
 * updates took 0.5–0.7 s on loopback, the array form a tenth of that). Elsewhere (H2, in the same process) they are
 * JDBC batches. Each table's columns are listed once, below; the statements and their parameters follow from them.
 */
final class LedgerWrites {

    /** Rows per JDBC batch. */
    private static final int BATCH = 500;
    /** Rows per array statement. */
    private static final int ARRAY_CHUNK = 10_000;

    /** One column: its name, its PostgreSQL type, and how a row gives its value (an {@link Instant} for timestamps). */
    private record Col<T>(String name, String type, Function<T, Object> value) {
        /** The value as an array element: timestamps as ISO 8601 text, which PostgreSQL reads for timestamptz. */
        Object element(T row) {
            Object v = value.apply(row);
            return v instanceof Instant t ? t.toString() : v;
        }

        /** The element type of the array sent (timestamps go as text and are cast). */
        String arrayType() {
            return type.equals("timestamptz") ? "varchar" : type;
        }

        void bind(PreparedStatement ps, int index, T row) throws SQLException {
            Object v = value.apply(row);
            if (type.equals("timestamptz")) {
                ps.setObject(index, v == null ? null : ((Instant) v).atOffset(ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(index, v);
            }
        }
    }

    private static Col<FindingRow> col(String name, String type, Function<FindingRow, Object> value) {
        return new Col<>(name, type, value);
    }

    private static final Col<FindingRow> ID = col("id", "int8", r -> r.id);

    /** What a run copies from its finding into the row. */
    private static final List<Col<FindingRow>> CONTENT = List.of(
            col("rule_id", "varchar", r -> r.rule),
            col("severity", "varchar", r -> r.severity),
            col("severity_rank", "int4", r -> r.severityRank),
            col("host_id", "varchar", r -> r.host),
            col("subject", "varchar", r -> r.subject),
            col("message", "text", r -> r.message),
            col("fix", "text", r -> r.fix),
            col("evidence", "text", r -> r.evidence),
            col("evidence_kinds", "text", r -> r.evidenceKinds),
            col("depends_on", "text", r -> r.dependsOn),
            col("location_file", "varchar", r -> r.locationFile),
            col("location_line", "int4", r -> r.locationLine),
            col("views", "varchar", r -> r.views),
            col("accepted_by", "varchar", r -> r.acceptedBy));

    /** What the finding's lifecycle changes from run to run. */
    private static final List<Col<FindingRow>> LIFECYCLE = List.of(
            col("state", "varchar", r -> r.state.name()),
            col("last_seen", "timestamptz", r -> r.lastSeen),
            col("opened_at", "timestamptz", r -> r.openedAt),
            col("resolved_at", "timestamptz", r -> r.resolvedAt),
            col("unknown_since", "timestamptz", r -> r.unknownSince),
            col("seen_streak", "int4", r -> r.seenStreak),
            col("missing_streak", "int4", r -> r.missingStreak),
            col("transitions", "int4", r -> r.transitions),
            col("flapping", "bool", r -> r.flapping));

    /** A new row: its id, key and first sighting, then its content and lifecycle. */
    private static final List<Col<FindingRow>> NEW_ROW = Stream.of(
            List.of(ID, col("finding_key", "varchar", r -> r.key), col("first_seen", "timestamptz", r -> r.firstSeen)),
            CONTENT, LIFECYCLE).flatMap(List::stream).toList();

    /** What a run observed of one finding. */
    record Observation(long findingId, Observed observed, FindingState stateAfter, boolean changed, String evidence) {
    }

    /** An observation's columns after its run's id. */
    private static final List<Col<Observation>> OBSERVED = List.of(
            new Col<>("finding_id", "int8", Observation::findingId),
            new Col<>("observed", "varchar", o -> o.observed().name()),
            new Col<>("state_after", "varchar", o -> o.stateAfter().name()),
            new Col<>("changed", "bool", Observation::changed),
            new Col<>("evidence", "text", Observation::evidence));

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    LedgerWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A row's content, to tell whether a run changed it (then Hibernate writes the whole row). */
    static List<Object> content(FindingRow row) {
        List<Object> values = new ArrayList<>(CONTENT.size());
        CONTENT.forEach(c -> values.add(c.value().apply(row)));
        return values;
    }

    /** Writes the lifecycle columns of stored rows whose content is as it was. */
    void counters(List<FindingRow> rows) {
        if (postgres()) {
            List<Col<FindingRow>> cols = Stream.concat(Stream.of(ID), LIFECYCLE.stream()).toList();
            arrays("update finding f set " + names(LIFECYCLE, c -> c.name() + " = v." + c.name()) + " from "
                    + unnest(cols) + " where f.id = v.id", rows, cols);
        } else {
            List<Col<FindingRow>> cols = Stream.concat(LIFECYCLE.stream(), Stream.of(ID)).toList();
            batch("update finding set " + names(LIFECYCLE, c -> c.name() + " = ?") + " where id = ?", rows, cols);
        }
    }

    /** Writes what the run observed. */
    void observations(long runId, List<Observation> rows) {
        String into = "insert into finding_observation (run_id, " + names(OBSERVED, Col::name) + ")";
        if (postgres()) {
            arrays(into + " select ?::bigint, v.* from " + unnest(OBSERVED), rows, OBSERVED, runId);
        } else {
            List<Col<Observation>> cols = Stream.concat(Stream.of(new Col<Observation>("run_id", "int8", o -> runId)),
                    OBSERVED.stream()).toList();
            batch(into + " values (" + names(cols, c -> "?") + ")", rows, cols);
        }
    }

    /**
     * Ids for {@code count} new finding rows taken from the sequence, when they are to be inserted by
     * {@link #insertFindings}; null when Hibernate inserts them (not PostgreSQL). Each value of the sequence is the
     * top of a block of {@link db.migration.V10__Finding_id_sequence#ALLOCATION}, as Hibernate's pooled optimizer
     * reads it, so that both can take ids from it.
     */
    java.util.PrimitiveIterator.OfLong findingIds(int count) {
        if (!postgres()) {
            return null;
        }
        int size = db.migration.V10__Finding_id_sequence.ALLOCATION;
        int blocks = (count + size - 1) / size;
        List<Long> tops = blocks == 0 ? List.of()
                : jdbc.queryForList("select nextval('finding_ids') from generate_series(1, ?)", Long.class, blocks);
        return tops.stream().flatMapToLong(top -> java.util.stream.LongStream.rangeClosed(top - size + 1, top))
                .iterator();
    }

    /** Inserts new finding rows whose ids came from {@link #findingIds} (PostgreSQL). */
    void insertFindings(List<FindingRow> rows) {
        arrays("insert into finding (" + names(NEW_ROW, Col::name) + ") select * from " + unnest(NEW_ROW), rows,
                NEW_ROW);
    }

    /**
     * Of these finding keys, the ones that may have a row, for the rows to be loaded: on PostgreSQL those that do
     * (one query with the keys as an array: most keys a run has not seen open are new, and 500-key {@code in} lists
     * cost a plan each); elsewhere all of them.
     */
    List<String> stored(List<String> keys) {
        if (keys.isEmpty() || !postgres()) {
            return keys;
        }
        return jdbc.execute((ConnectionCallback<List<String>>) c -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select finding_key from finding where finding_key = any(?::varchar[])")) {
                ps.setArray(1, c.createArrayOf("varchar", keys.toArray()));
                try (java.sql.ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        found.add(r.getString(1));
                    }
                }
            }
            return found;
        });
    }

    private static <T> String names(List<Col<T>> cols, Function<Col<T>, String> each) {
        return cols.stream().map(each).collect(Collectors.joining(", "));
    }

    /** {@code unnest(?::t1[], …) as v(c1, …)}: one array parameter per column. */
    private static <T> String unnest(List<Col<T>> cols) {
        return "unnest(" + names(cols, c -> "?::" + c.type() + "[]") + ") as v(" + names(cols, Col::name) + ")";
    }

    private <T> void batch(String sql, List<T> rows, List<Col<T>> cols) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(sql, rows, BATCH, (ps, row) -> {
            for (int i = 0; i < cols.size(); i++) {
                cols.get(i).bind(ps, i + 1, row);
            }
        });
    }

    /** Runs {@code sql} once per chunk of rows: first the {@code leading} parameters, then one array per column. */
    private <T> void arrays(String sql, List<T> rows, List<Col<T>> cols, Object... leading) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) c -> {
            for (int from = 0; from < rows.size(); from += ARRAY_CHUNK) {
                List<T> chunk = rows.subList(from, Math.min(rows.size(), from + ARRAY_CHUNK));
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < leading.length; i++) {
                        ps.setObject(i + 1, leading[i]);
                    }
                    bind(c, ps, leading.length + 1, chunk, cols);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static <T> void bind(Connection c, PreparedStatement ps, int first, List<T> rows, List<Col<T>> cols)
            throws SQLException {
        for (int i = 0; i < cols.size(); i++) {
            Object[] values = new Object[rows.size()];
            for (int r = 0; r < values.length; r++) {
                values[r] = cols.get(i).element(rows.get(r));
            }
            ps.setArray(first + i, c.createArrayOf(cols.get(i).arrayType(), values));
        }
    }

    private boolean postgres() {
        Boolean p = postgres;
        if (p == null) {
            p = jdbc.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getDatabaseProductName()
                    .equalsIgnoreCase("PostgreSQL"));
            postgres = p;
        }
        return p;
    }
}

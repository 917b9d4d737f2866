package org.maildrift.checks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger's two bulk writes of a run, on the transaction's own connection: the lifecycle counters of the
 * finding rows whose content did not change, and what the run observed of each finding. On PostgreSQL each is one
 * statement per chunk whose columns arrive as arrays ({@code unnest}): a JDBC batch there still executes one
 * statement per row on the server (10,000 updates took 0.5–0.7 s on loopback, the array form a tenth of that).
 * Elsewhere (H2, in the same process) they are JDBC batches.
 */
final class LedgerWrites {

    /** Rows per JDBC batch, and per array statement. */
    private static final int BATCH = 500;
    private static final int ARRAY_CHUNK = 10_000;

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    LedgerWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a run observed of one finding. */
    record Observation(long findingId, Observed observed, FindingState stateAfter, boolean changed, String evidence) {
    }

    void counters(List<FindingRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (postgres()) {
            String sql = "update finding f set state = v.state, last_seen = v.last_seen, opened_at = v.opened_at,"
                    + " resolved_at = v.resolved_at, unknown_since = v.unknown_since, seen_streak = v.seen_streak,"
                    + " missing_streak = v.missing_streak, transitions = v.transitions, flapping = v.flapping"
                    + " from unnest(?::bigint[], ?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],"
                    + " ?::timestamptz[], ?::int[], ?::int[], ?::int[], ?::boolean[]) as v(id, state, last_seen,"
                    + " opened_at, resolved_at, unknown_since, seen_streak, missing_streak, transitions, flapping)"
                    + " where f.id = v.id";
            arrays(sql, rows, List.of(
                    new Col<>("int8", r -> r.id),
                    new Col<>("varchar", r -> r.state.name()),
                    new Col<>("varchar", r -> text(r.lastSeen)),
                    new Col<>("varchar", r -> text(r.openedAt)),
                    new Col<>("varchar", r -> text(r.resolvedAt)),
                    new Col<>("varchar", r -> text(r.unknownSince)),
                    new Col<>("int4", r -> r.seenStreak),
                    new Col<>("int4", r -> r.missingStreak),
                    new Col<>("int4", r -> r.transitions),
                    new Col<>("bool", r -> r.flapping)));
            return;
        }
        jdbc.batchUpdate("update finding set state = ?, last_seen = ?, opened_at = ?, resolved_at = ?, unknown_since = ?,"
                + " seen_streak = ?, missing_streak = ?, transitions = ?, flapping = ? where id = ?", rows, BATCH,
                (ps, r) -> {
                    ps.setString(1, r.state.name());
                    ps.setObject(2, utc(r.lastSeen), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setObject(3, utc(r.openedAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setObject(4, utc(r.resolvedAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setObject(5, utc(r.unknownSince), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setInt(6, r.seenStreak);
                    ps.setInt(7, r.missingStreak);
                    ps.setInt(8, r.transitions);
                    ps.setBoolean(9, r.flapping);
                    ps.setLong(10, r.id);
                });
    }

    void observations(long runId, List<Observation> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (postgres()) {
            String sql = "insert into finding_observation (run_id, finding_id, observed, state_after, changed, evidence)"
                    + " select ?::bigint, v.* from unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::boolean[], ?::text[])"
                    + " as v(finding_id, observed, state_after, changed, evidence)";
            arrays(sql, rows, List.of(
                    new Col<>("int8", Observation::findingId),
                    new Col<>("varchar", o -> o.observed().name()),
                    new Col<>("varchar", o -> o.stateAfter().name()),
                    new Col<>("bool", Observation::changed),
                    new Col<>("text", Observation::evidence)), runId);
            return;
        }
        jdbc.batchUpdate("insert into finding_observation (run_id, finding_id, observed, state_after, changed, evidence)"
                + " values (?, ?, ?, ?, ?, ?)", rows, BATCH, (ps, o) -> {
                    ps.setLong(1, runId);
                    ps.setLong(2, o.findingId());
                    ps.setString(3, o.observed().name());
                    ps.setString(4, o.stateAfter().name());
                    ps.setBoolean(5, o.changed());
                    ps.setString(6, o.evidence());
                });
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
        if (rows.isEmpty()) {
            return;
        }
        arrays("insert into finding (id, finding_key, rule_id, severity, severity_rank, host_id, subject, state,"
                + " first_seen, last_seen, opened_at, resolved_at, unknown_since, seen_streak, missing_streak,"
                + " transitions, flapping, message, fix, evidence, evidence_kinds, depends_on, location_file,"
                + " location_line, views, accepted_by) select * from unnest(?::bigint[], ?::varchar[], ?::varchar[],"
                + " ?::varchar[], ?::int[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[],"
                + " ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::int[], ?::int[],"
                + " ?::int[], ?::boolean[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::varchar[],"
                + " ?::int[], ?::varchar[], ?::varchar[])", rows, List.of(
                        new Col<>("int8", r -> r.id),
                        new Col<>("varchar", r -> r.key),
                        new Col<>("varchar", r -> r.rule),
                        new Col<>("varchar", r -> r.severity),
                        new Col<>("int4", r -> r.severityRank),
                        new Col<>("varchar", r -> r.host),
                        new Col<>("varchar", r -> r.subject),
                        new Col<>("varchar", r -> r.state.name()),
                        new Col<>("varchar", r -> text(r.firstSeen)),
                        new Col<>("varchar", r -> text(r.lastSeen)),
                        new Col<>("varchar", r -> text(r.openedAt)),
                        new Col<>("varchar", r -> text(r.resolvedAt)),
                        new Col<>("varchar", r -> text(r.unknownSince)),
                        new Col<>("int4", r -> r.seenStreak),
                        new Col<>("int4", r -> r.missingStreak),
                        new Col<>("int4", r -> r.transitions),
                        new Col<>("bool", r -> r.flapping),
                        new Col<>("text", r -> r.message),
                        new Col<>("text", r -> r.fix),
                        new Col<>("text", r -> r.evidence),
                        new Col<>("text", r -> r.evidenceKinds),
                        new Col<>("text", r -> r.dependsOn),
                        new Col<>("varchar", r -> r.locationFile),
                        new Col<>("int4", r -> r.locationLine),
                        new Col<>("varchar", r -> r.views),
                        new Col<>("varchar", r -> r.acceptedBy)));
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
            List<String> found = new java.util.ArrayList<>();
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

    /** One array parameter: its element type and how a row gives its element. */
    private record Col<T>(String type, Function<T, Object> value) {
    }

    /** Runs {@code sql} once per chunk of rows: first the {@code leading} parameters, then one array per column. */
    private <T> void arrays(String sql, List<T> rows, List<Col<T>> cols, Object... leading) {
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
                values[r] = cols.get(i).value().apply(rows.get(r));
            }
            Array array = c.createArrayOf(cols.get(i).type(), values);
            ps.setArray(first + i, array);
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

    /** A timestamp as PostgreSQL reads it for {@code timestamptz} (ISO 8601, UTC). */
    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private static java.time.OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}

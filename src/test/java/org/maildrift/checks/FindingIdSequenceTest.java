package org.maildrift.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.maildrift.testsupport.PostgresServer;

/**
 * Migration 10 on a ledger that already has rows: the sequence's first block of ids starts after the
 * highest id there, on H2 and on PostgreSQL.
 */
class FindingIdSequenceTest {

    @Test
    void h2SequenceStartsAfterTheRowsAlreadyThere() throws Exception {
        String url = "jdbc:h2:mem:seq-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        assertFirstBlockFollows(url, "maildrift", "", null);
    }

    @Test
    void postgresSequenceStartsAfterTheRowsAlreadyThere() throws Exception {
        PostgresServer pg = PostgresServer.shared();
        assertFirstBlockFollows(pg.jdbcUrl(), "maildrift", "", "seq_" + UUID.randomUUID().toString().replace("-", ""));
    }

    private static void assertFirstBlockFollows(String url, String user, String password, String schema)
            throws Exception {
        var config = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration");
        if (schema != null) {
            config = config.schemas(schema);
        }
        config.target("9").load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            if (schema != null) {
                s.execute("set search_path to " + schema);
            }
            for (long id : new long[] {3, 41}) {
                s.execute("insert into finding (id, finding_key, rule_id, severity, severity_rank, subject, state,"
                        + " first_seen, last_seen, seen_streak, missing_streak, transitions, flapping, message, fix,"
                        + " evidence, views) values (" + id + ", 'k" + id + "', 'r', 'warning', 2, 's', 'OPEN',"
                        + " current_timestamp, current_timestamp, 1, 0, 1, false, 'm', 'f', 'e', 'v')");
            }
        }
        var migrated = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration");
        if (schema != null) {
            migrated = migrated.schemas(schema);
        }
        migrated.load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            if (schema != null) {
                s.execute("set search_path to " + schema);
            }
            String next = url.startsWith("jdbc:h2") ? "select next value for finding_ids" : "select nextval('finding_ids')";
            try (ResultSet r = s.executeQuery(next)) {
                r.next();
                // the pooled optimizer hands out top - ALLOCATION + 1 .. top: 42 .. 91
                assertThat(r.getLong(1)).isEqualTo(41 + db.migration.V10__Finding_id_sequence.ALLOCATION);
            }
        }
    }
}

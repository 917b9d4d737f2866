package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * New ledger rows take their ids from a sequence that hands out {@link #ALLOCATION} at a time, so that a
 * run's new findings are inserted in JDBC batches (with an identity column Hibernate inserts them one
 * statement, one round trip, at a time). The sequence starts after the rows already there. A Java migration
 * because that start is computed, the same way on H2 and PostgreSQL; it lives beside the SQL ones, where
 * Flyway finds it with or without Spring.
 */
public class V10__Finding_id_sequence extends BaseJavaMigration {

    /** Ids reserved per call of the sequence: its increment, and the entity's allocation size. */
    public static final int ALLOCATION = 50;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        long max;
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select coalesce(max(id), 0) from finding")) {
            r.next();
            max = r.getLong(1);
        }
        // not finding_id_seq: PostgreSQL gives that name to the identity column's own sequence.
        // Hibernate's pooled optimizer reads a value as the top of a block: the first block is max+1 .. max+ALLOCATION
        try (Statement s = c.createStatement()) {
            s.execute("create sequence finding_ids start with " + (max + ALLOCATION) + " increment by " + ALLOCATION);
        }
    }
}

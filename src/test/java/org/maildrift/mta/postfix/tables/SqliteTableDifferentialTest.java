package org.maildrift.mta.postfix.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.maildrift.testsupport.Peers;

/**
 * sqlite_table(5) definitions against the real {@code postmap -q} (Debian postfix-sqlite): every
 * definition below, every key below; the answer (found with the same value, not found, or a lookup
 * error) must agree. The corner cases of the query expansion are here: %d and %1-%9 of a name without
 * '@', %u, the domain filter, several rows, NULL and empty values, result_format, expansion_limit,
 * the older table/select_field/where_field form, and quotes in the key.
 */
class SqliteTableDifferentialTest {

    static final List<String> DEFINITIONS = List.of(
            "query = SELECT domain FROM domain WHERE domain='%s' AND active = 1",
            "query = SELECT note FROM domain WHERE domain='%s'",
            "query = SELECT note, domain FROM domain WHERE domain='%s'",
            "query = SELECT domain FROM domain WHERE domain='%d'",
            "query = SELECT domain FROM domain WHERE domain='%u'",
            "query = SELECT '%2' || '|' || '%1' FROM domain LIMIT 1",
            "query = SELECT domain FROM domain WHERE domain='%s'\ndomain = example.com",
            "query = SELECT note FROM domain WHERE domain='%s'\nresult_format = <%s:%u>",
            "query = SELECT note FROM domain WHERE domain='%s'\nresult_format = %d",
            "query = SELECT note FROM domain WHERE domain='%s'\nresult_format = %S/%s",
            "query = SELECT note FROM domain WHERE domain='%s'\nexpansion_limit = 1",
            "query = SELECT note FROM domain WHERE domain='%s'\nexpansion_limit = 2",
            "table = domain\nselect_field = domain\nwhere_field = domain\nadditional_conditions = AND active = '1'",
            "query = SELECT domain FROM nosuchtable WHERE domain='%s'",
            "query = SELECT 'x%%y' FROM domain WHERE domain='%s'");

    static final List<String> KEYS = List.of("example.com", "inactive.org", "empty.net", "null.net", "it's.com",
            "nosuch.example", "user@example.com", "@example.com", "localhost", "a.b.example.com", "x'; drop table domain; --");

    @Test
    void answersLikePostmap() throws Exception {
        Path postmap = Peers.postmap("sqlite");
        Path dir = Files.createDirectories(Path.of("target", "differential", "sqlite-tables").toAbsolutePath());
        Path db = dir.resolve("domains.sqlite");
        Files.deleteIfExists(db);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE domain (domain TEXT, active INTEGER, note TEXT)");
            st.executeUpdate("INSERT INTO domain VALUES ('example.com', 1, 'a'), ('example.com', 1, 'b'),"
                    + " ('inactive.org', 0, 'c'), ('empty.net', 1, ''), ('null.net', 1, NULL), ('it''s.com', 1, 'q'),"
                    + " ('b.example.com', 1, 'parent-of-a')");
        }
        List<String> definitions = DEFINITIONS.stream().map(d -> "dbpath = " + db + "\n" + d).toList();
        PostmapHarness.Comparison c;
        try (TableConnections tables = new TableConnections(List.of())) {
            c = PostmapHarness.compare(postmap, "sqlite", dir, definitions, KEYS, tables, ours -> { });
        }
        assertThat(c.found()).isPositive();
        assertThat(c.failed()).isPositive();
        assertThat(c.disagreements()).isEmpty();
        // the hostile key changed nothing
        try (Connection after = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = after.createStatement()) {
            assertThat(st.executeQuery("SELECT count(*) FROM domain").getInt(1)).isEqualTo(7);
        }
    }
}

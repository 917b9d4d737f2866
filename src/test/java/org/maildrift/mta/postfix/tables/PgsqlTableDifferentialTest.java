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
import org.maildrift.testsupport.PostgresServer;

/**
 * pgsql_table(5) definitions against the real {@code postmap -q} (Debian postfix-pgsql) on the test
 * PostgreSQL: the same answers for every definition and key (every column of each row, quotes in the
 * key, the older select_function form).
 */
class PgsqlTableDifferentialTest {

    static final List<String> DEFINITIONS = List.of(
            "query = SELECT domain FROM domain WHERE domain='%s' AND active = 1",
            "query = SELECT note, domain FROM domain WHERE domain='%s'",
            "query = SELECT domain FROM domain WHERE domain='%d'",
            "query = SELECT note FROM domain WHERE domain='%s'\nresult_format = <%s:%u>",
            "query = SELECT note FROM domain WHERE domain='%s'\nexpansion_limit = 1",
            "table = domain\nselect_field = domain\nwhere_field = domain\nadditional_conditions = AND active = 1",
            "select_function = active_domain",
            "query = SELECT domain FROM nosuchtable WHERE domain='%s'");

    static final List<String> KEYS = List.of("example.com", "inactive.org", "empty.net", "null.net", "it's.com",
            "nosuch.example", "user@example.com", "x\\' OR 1=1 -- ");

    @Test
    void answersLikePostmap() throws Exception {
        Path postmap = Peers.postmap("pgsql");
        PostgresServer pg = PostgresServer.shared();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "maildrift", "");
                Statement st = c.createStatement()) {
            st.executeUpdate("DROP DATABASE IF EXISTS mailtables");
            st.executeUpdate("CREATE DATABASE mailtables");
        }
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl().replace("/postgres", "/mailtables"), "maildrift",
                ""); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE domain (domain TEXT, active INT, note TEXT)");
            st.executeUpdate("INSERT INTO domain VALUES ('example.com', 1, 'a'), ('example.com', 1, 'b'),"
                    + " ('inactive.org', 0, 'c'), ('empty.net', 1, ''), ('null.net', 1, NULL), ('it''s.com', 1, 'q')");
            st.executeUpdate("CREATE FUNCTION active_domain(text) RETURNS SETOF text LANGUAGE sql AS"
                    + " $$ SELECT domain FROM domain WHERE domain = $1 AND active = 1 $$");
        }
        Path dir = Files.createDirectories(Path.of("target", "differential", "pgsql-tables").toAbsolutePath());
        String account = "hosts = inet:127.0.0.1:" + pg.port() + "\nuser = maildrift\npassword = unused\n"
                + "dbname = mailtables\n";
        List<String> definitions = DEFINITIONS.stream().map(d -> account + d).toList();
        PostmapHarness.Comparison c;
        try (TableConnections tables = new TableConnections(PostmapHarness.asWritten(dir, definitions.size()))) {
            c = PostmapHarness.compare(postmap, "pgsql", dir, definitions, KEYS, tables, ours -> { });
        }
        assertThat(c.found()).isPositive();
        assertThat(c.disagreements()).isEmpty();
    }
}

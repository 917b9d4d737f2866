package org.maildrift.mta.postfix.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.maildrift.testsupport.BindServer;
import org.maildrift.testsupport.MariaDbServer;
import org.maildrift.testsupport.Peers;

/**
 * mysql_table(5) definitions against the real {@code postmap -q} (Debian postfix-mysql) on a MariaDB
 * the test starts on a free loopback port, with a SELECT-only account: the same answers for every
 * definition and key, including every column of several rows, result_format, expansion_limit, the
 * domain filter, a refused connection and a wrong password (both lookup errors, never "not found").
 */
class MysqlTableDifferentialTest {

    private static MariaDbServer server;

    @BeforeAll
    static void start() throws Exception {
        Peers.postmap("mysql");
        server = MariaDbServer.start();
        try (Connection c = server.root(""); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE DATABASE mail");
            st.executeUpdate("CREATE TABLE mail.domain (domain VARCHAR(255), active INT, note VARCHAR(255))");
            st.executeUpdate("INSERT INTO mail.domain VALUES ('example.com', 1, 'a'), ('example.com', 1, 'b'),"
                    + " ('inactive.org', 0, 'c'), ('empty.net', 1, ''), ('null.net', 1, NULL), ('it''s.com', 1, 'q')");
            st.executeUpdate("CREATE USER 'postfix'@'127.0.0.1' IDENTIFIED BY 'pf-secret'");
            st.executeUpdate("GRANT SELECT ON mail.* TO 'postfix'@'127.0.0.1'");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static final List<String> DEFINITIONS = List.of(
            "query = SELECT domain FROM domain WHERE domain='%s' AND active = 1",
            "query = SELECT note FROM domain WHERE domain='%s'",
            "query = SELECT note, domain FROM domain WHERE domain='%s'",
            "query = SELECT domain FROM domain WHERE domain='%d'",
            "query = SELECT CONCAT('%2', '|', '%1') FROM domain LIMIT 1",
            "query = SELECT domain FROM domain WHERE domain='%s'\ndomain = example.com",
            "query = SELECT note FROM domain WHERE domain='%s'\nresult_format = <%s:%u>",
            "query = SELECT note FROM domain WHERE domain='%s'\nexpansion_limit = 1",
            "table = domain\nselect_field = domain\nwhere_field = domain\nadditional_conditions = AND active = '1'",
            "query = SELECT domain FROM nosuchtable WHERE domain='%s'");

    static final List<String> KEYS = List.of("example.com", "inactive.org", "empty.net", "null.net", "it's.com",
            "nosuch.example", "user@example.com", "x\\' OR 1=1 -- ");

    @Test
    void answersLikePostmap() throws Exception {
        Path postmap = Peers.postmap("mysql");
        Path dir = Files.createDirectories(Path.of("target", "differential", "mysql-tables").toAbsolutePath());
        String account = "hosts = inet:127.0.0.1:" + server.port() + "\nuser = postfix\npassword = pf-secret\n"
                + "dbname = mail\n";
        List<String> definitions = new ArrayList<>(DEFINITIONS.stream().map(d -> account + d).toList());
        int closed = BindServer.freePort();
        definitions.add("hosts = inet:127.0.0.1:" + closed + "\nuser = postfix\npassword = pf-secret\ndbname = mail\n"
                + "query = SELECT domain FROM domain WHERE domain='%s'");
        definitions.add("hosts = inet:127.0.0.1:" + server.port() + "\nuser = postfix\npassword = wrong\ndbname = mail\n"
                + "query = SELECT domain FROM domain WHERE domain='%s'");
        PostmapHarness.Comparison c;
        try (TableConnections tables = new TableConnections(PostmapHarness.asWritten(dir, definitions.size()))) {
            c = PostmapHarness.compare(postmap, "mysql", dir, definitions, KEYS, tables, ours ->
                    assertThat(String.valueOf(ours.detail())).doesNotContain("pf-secret").doesNotContain("wrong"));
        }
        assertThat(c.found()).isPositive();
        assertThat(c.failed()).isGreaterThanOrEqualTo(2 * KEYS.size());
        assertThat(c.disagreements()).isEmpty();
    }
}

package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.testsupport.HostingEstate;

/**
 * A hosting estate whose virtual mailbox domains live in an SQLite table (as Modoboa, Mailu and
 * iRedMail keep them): `check` looks each routed domain up through the table's own definition, so the
 * inactive domain is reported as routed but not accepted, the active ones are not, and nothing is
 * inconclusive. Without the database the same domains are inconclusive, never "not accepted".
 */
class TableEstateCheckTest {

    @TempDir
    Path tmp;

    private Path estate(boolean withDatabase) throws Exception {
        HostingEstate.writeZones(tmp);
        Path root = Files.createDirectories(tmp.resolve("mx1/root/etc/postfix"));
        Files.writeString(tmp.resolve("mx1/main.cf"), """
                myhostname = mx1.hosting.test
                mydestination = $myhostname, localhost
                virtual_mailbox_domains = proxy:sqlite:/etc/postfix/sqlite_virtual_domains_maps.cf
                """);
        Files.writeString(root.resolve("sqlite_virtual_domains_maps.cf"), """
                # as Modoboa writes it
                dbpath = /var/lib/mail/domains.sqlite
                query = SELECT name FROM admin_domain WHERE name='%s' AND enabled=1
                """);
        Path db = Files.createDirectories(tmp.resolve("mx1/root/var/lib/mail")).resolve("domains.sqlite");
        if (withDatabase) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
                st.executeUpdate("CREATE TABLE admin_domain (name TEXT, enabled INTEGER)");
                st.executeUpdate("INSERT INTO admin_domain VALUES ('active.hosting.test', 1), ('second.hosting.test', 1),"
                        + " ('inactive.hosting.test', 0)");
            }
        }
        Files.writeString(tmp.resolve("inventory.yml"), HostingEstate.DNS + """
                hosts:
                  - id: mx1
                    hostname: mx1.hosting.test
                    addresses: [192.0.2.40]
                    mta: postfix
                    config: mx1/main.cf
                    files-root: mx1/root
                """ + HostingEstate.WATCH);
        return tmp.resolve("inventory.yml");
    }

    @Test
    void reportsTheInactiveDomainAndNothingForTheActiveOnes() throws Exception {
        CliRun run = CliRun.of("check", "--inventory", estate(true).toString());
        assertThat(run.out()).contains("routed-name-not-accepted  inactive.hosting.test")
                .doesNotContain("routed-name-not-accepted  active.hosting.test")
                .doesNotContain("second.hosting.test\n")
                .doesNotContain("config-reference-unresolved")
                .contains(" 0 inconclusive");
        assertThat(run.exit()).as(run.out()).isEqualTo(CheckCommand.FOUND);
    }

    @Test
    void staysInconclusiveWithoutTheDatabase() throws Exception {
        CliRun run = CliRun.of("check", "--inventory", estate(false).toString());
        assertThat(run.out()).doesNotContain("routed-name-not-accepted").contains("config-reference-unresolved")
                .contains("dbpath file not found under files-root: /var/lib/mail/domains.sqlite");
    }
}

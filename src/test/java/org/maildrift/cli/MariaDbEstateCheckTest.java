package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.testsupport.HostingEstate;
import org.maildrift.testsupport.MariaDbServer;

/**
 * A hosting estate whose virtual domains live in MariaDB, as mailcow and iRedMail keep them: the
 * table file says {@code hosts = 127.0.0.1} (the mail host's own database); the inventory's
 * {@code hosts[].tables} says how maildrift reaches it, with a read-only account whose password is in a
 * file. `check` reports the inactive domain and nothing about the active ones, nothing inconclusive,
 * and never prints the password; a pre-change check of a proposed main.cf that keeps the table looks
 * the names up too.
 */
class MariaDbEstateCheckTest {

    private static MariaDbServer db;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        db = MariaDbServer.start();
        try (Connection c = db.root(""); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE DATABASE vmail");
            st.executeUpdate("CREATE TABLE vmail.domain (domain VARCHAR(255) PRIMARY KEY, active TINYINT, backupmx TINYINT)");
            st.executeUpdate("INSERT INTO vmail.domain VALUES ('active.hosting.test', 1, 0), ('second.hosting.test', 1, 0),"
                    + " ('inactive.hosting.test', 0, 0)");
            st.executeUpdate("CREATE USER 'maildrift_ro'@'127.0.0.1' IDENTIFIED BY 'ro-Secret-42'");
            st.executeUpdate("GRANT SELECT ON vmail.* TO 'maildrift_ro'@'127.0.0.1'");
        }
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    private Path estate() throws Exception {
        HostingEstate.writeZones(tmp);
        Path sql = Files.createDirectories(tmp.resolve("mx1/root/etc/postfix/mysql"));
        Files.writeString(sql.resolve("virtual_mailbox_domains.cf"), """
                # as iRedMail writes it
                user        = vmail
                password    = the-mail-hosts-own-password
                hosts       = 127.0.0.1
                port        = 3306
                dbname      = vmail
                query       = SELECT domain FROM domain WHERE domain='%s' AND backupmx=0 AND active=1
                """);
        Files.writeString(tmp.resolve("mx1/main.cf"), """
                myhostname = mx1.hosting.test
                mydestination = $myhostname, localhost
                virtual_mailbox_domains = proxy:mysql:/etc/postfix/mysql/virtual_mailbox_domains.cf
                """);
        Files.createDirectories(tmp.resolve("secrets"));
        Files.writeString(tmp.resolve("secrets/mx1-sql"), "ro-Secret-42\n");
        Files.writeString(tmp.resolve("inventory.yml"), (HostingEstate.DNS + """
                hosts:
                  - id: mx1
                    hostname: mx1.hosting.test
                    addresses: [192.0.2.40]
                    mta: postfix
                    config: mx1/main.cf
                    files-root: mx1/root
                    tables:
                      - file: /etc/postfix/mysql/virtual_mailbox_domains.cf
                        hosts: 127.0.0.1:%d
                        user: maildrift_ro
                        password-file: secrets/mx1-sql
                """ + HostingEstate.WATCH).formatted(db.port()));
        return tmp.resolve("inventory.yml");
    }

    @Test
    void reportsTheInactiveDomainAndNothingForTheActiveOnes() throws Exception {
        CliRun run = CliRun.of("check", "--inventory", estate().toString(), "--format", "json");
        assertThat(run.out()).contains("\"rule\": \"routed-name-not-accepted\"")
                .contains("\"subject\": \"inactive.hosting.test\"")
                .doesNotContain("\"subject\": \"active.hosting.test\"")
                .doesNotContain("\"subject\": \"second.hosting.test\"")
                .doesNotContain("ro-Secret-42").doesNotContain("the-mail-hosts-own-password")
                .contains("\"inconclusive\": 0");
        assertThat(run.err()).doesNotContain("ro-Secret-42");
        assertThat(run.exit()).isEqualTo(CheckCommand.FOUND);
    }

    @Test
    void aProposedConfigIsLookedUpThroughTheSameTable() throws Exception {
        Path inventory = estate();
        Path proposed = Files.writeString(tmp.resolve("proposed-main.cf"), """
                myhostname = mx1.hosting.test
                mydestination = $myhostname, localhost, extra.hosting.test
                virtual_mailbox_domains = proxy:mysql:/etc/postfix/mysql/virtual_mailbox_domains.cf
                """);
        CliRun run = CliRun.of("precheck", "--inventory", inventory.toString(), "--proposed-config", "mx1=" + proposed);
        // the table-backed domains stay known after the change: only the new name, absent from DNS, is reported
        assertThat(run.out()).as(run.err()).contains("accepted-name-stale  extra.hosting.test")
                .doesNotContain("routed-name-not-accepted  active").doesNotContain("Not known after the change")
                .doesNotContain("ro-Secret-42");
    }

    @Test
    void aDatabaseThatCannotBeReachedLeavesTheDomainsInconclusive() throws Exception {
        Path inventory = estate();
        Files.writeString(tmp.resolve("secrets/mx1-sql"), "wrong\n");
        CliRun run = CliRun.of("check", "--inventory", inventory.toString());
        assertThat(run.out()).doesNotContain("routed-name-not-accepted  inactive")
                .contains("the database refused the account").doesNotContain("wrong");
    }
}

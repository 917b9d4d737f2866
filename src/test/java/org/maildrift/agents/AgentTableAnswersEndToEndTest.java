package org.maildrift.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.maildrift.checks.CheckRunner;
import org.maildrift.checks.FindingQueries;
import org.maildrift.checks.FindingState;
import org.maildrift.checks.LedgerEntry;
import org.maildrift.checks.RunSummary;
import org.maildrift.testsupport.HostingEstate;
import org.maildrift.testsupport.Peers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The agent mode of issue 14 end to end: a Postfix host with {@code config: agent} keeps its virtual
 * mailbox domains in an SQLite table maildrift cannot reach. The real config-samples/agent/maildrift-push
 * runs (real curl, real postconf and postmap -q with Debian postfix-sqlite, MAIL_CONFIG pointing at the
 * host's configuration), pushes postconf -n, fetches the table questions and pushes postmap's answers; the
 * next check reports the inactive domain and nothing about the active ones, and nothing is inconclusive.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"maildrift.checks.interval=1h", "maildrift.agents.store=target/agent-table-answers"})
class AgentTableAnswersEndToEndTest {

    static final Path ESTATE = estate();

    @DynamicPropertySource
    static void inventory(DynamicPropertyRegistry r) {
        r.add("maildrift.checks.inventory", () -> ESTATE.resolve("inventory.yml").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    AgentTokens tokens;

    @Autowired
    CheckRunner runner;

    @Autowired
    FindingQueries queries;

    static Path estate() {
        try {
            Path dir = Files.createTempDirectory("maildrift-agent-tables").toAbsolutePath();
            HostingEstate.writeZones(dir);
            Files.writeString(dir.resolve("inventory.yml"), HostingEstate.DNS + """
                    hosts:
                      - id: mx1
                        hostname: mx1.hosting.test
                        addresses: [192.0.2.40]
                        mta: postfix
                        config: agent
                    """ + HostingEstate.WATCH);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The mail host's own /etc/postfix, on this machine: what postconf -n and postmap -q read. */
    private Path mailHost() throws Exception {
        Path etc = Files.createDirectories(ESTATE.resolve("mailhost/etc-postfix"));
        Path db = etc.resolve("domains.sqlite");
        Files.deleteIfExists(db);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE admin_domain (name TEXT, enabled INTEGER)");
            st.executeUpdate("INSERT INTO admin_domain VALUES ('active.hosting.test', 1), ('second.hosting.test', 1),"
                    + " ('inactive.hosting.test', 0)");
        }
        Files.writeString(etc.resolve("sqlite_virtual_domains_maps.cf"), "dbpath = " + db
                + "\nquery = SELECT name FROM admin_domain WHERE name='%s' AND enabled=1\n");
        Files.writeString(etc.resolve("main.cf"), "myhostname = mx1.hosting.test\nmydestination = $myhostname, localhost\n"
                + "virtual_mailbox_domains = proxy:sqlite:" + etc.resolve("sqlite_virtual_domains_maps.cf") + "\n"
                + "compatibility_level = 3.6\n");
        Files.writeString(etc.resolve("master.cf"), "");
        java.nio.file.attribute.FileTime past = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                - 60_000);
        Files.setLastModifiedTime(etc.resolve("main.cf"), past);
        Files.setLastModifiedTime(etc.resolve("master.cf"), past);
        return etc;
    }

    @Test
    void theAgentAnswersTheTableQuestionsAndTheCheckUsesThem() throws Exception {
        Peers.postmap("sqlite");
        Peers.postconf();
        Peers.program("curl", "/usr/bin/curl");
        Path etc = mailHost();
        String token = tokens.issue("mx1").token();
        Path conf = Files.writeString(ESTATE.resolve("push.conf"), "MAILDRIFT_URL=http://127.0.0.1:" + port
                + "\nMAILDRIFT_HOST=mx1\nMAILDRIFT_TOKEN=" + token + "\n");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", Path.of("config-samples/agent/maildrift-push")
                .toAbsolutePath().toString()).redirectErrorStream(true);
        pb.environment().put("MAILDRIFT_PUSH_CONF", conf.toString());
        pb.environment().put("MAIL_CONFIG", etc.toString());
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        String answers = Files.readString(Path.of("target/agent-table-answers/mx1/table-answers"));
        assertThat(answers).contains("sqlite:" + etc.resolve("sqlite_virtual_domains_maps.cf") + "\tinactive.hosting.test"
                + "\tnot-found").contains("\tactive.hosting.test\tfound\tactive.hosting.test");

        RunSummary run = runner.runNow("test").orElseThrow();
        assertThat(run.inconclusive()).isZero();
        List<LedgerEntry> routed = queries.findings(new FindingQueries.Filter(EnumSet.allOf(FindingState.class), null,
                "routed-name-not-accepted", "mx1"), PageRequest.of(0, 10)).getContent();
        assertThat(routed).extracting(LedgerEntry::subject).containsExactly("inactive.hosting.test");
        assertThat(queries.findings(new FindingQueries.Filter(EnumSet.allOf(FindingState.class), null,
                "config-reference-unresolved", "mx1"), PageRequest.of(0, 10)).getContent()).isEmpty();
    }
}

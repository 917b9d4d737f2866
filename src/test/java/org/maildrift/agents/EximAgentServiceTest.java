package org.maildrift.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.maildrift.checks.CheckRunner;
import org.maildrift.checks.FindingQueries;
import org.maildrift.checks.FindingState;
import org.maildrift.checks.LedgerEntry;
import org.maildrift.checks.RunSummary;
import org.maildrift.testsupport.EximRunner;
import org.maildrift.testsupport.Peers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An Exim host with {@code config: agent} through the service: the real maildrift-push (real curl, the real
 * exim4 4.96) pushes {@code exim -bP}'s lists, fetches the questions for the list whose lsearch file stays
 * on the host, and pushes Exim's own match_domain answers; the next check reports the domain the hub does
 * not list, nothing about the one its file holds, and nothing inconclusive.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"maildrift.checks.interval=1h", "maildrift.agents.store=target/agent-exim"})
class EximAgentServiceTest {

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
            Path dir = Files.createTempDirectory("maildrift-agent-exim").toAbsolutePath();
            Files.createDirectories(dir.resolve("zones"));
            Files.writeString(dir.resolve("zones/example.test.zone"), """
                    $ORIGIN example.test.
                    $TTL 300
                    @        SOA ns1 hostmaster 1 3600 600 86400 300
                             NS  ns1
                    ns1      A   192.0.2.53
                    hub      A   192.0.2.60
                    c        MX  10 hub
                    gone     MX  10 hub
                    """);
            Files.writeString(dir.resolve("zones/2.0.192.in-addr.arpa.zone"), """
                    $ORIGIN 2.0.192.in-addr.arpa.
                    $TTL 300
                    @   SOA ns1.example.test. hostmaster.example.test. 1 3600 600 86400 300
                        NS  ns1.example.test.
                    60  PTR hub.example.test.
                    """);
            Files.writeString(dir.resolve("inventory.yml"), """
                    site: exim-agent
                    dns:
                      zone-files: [zones/example.test.zone, zones/2.0.192.in-addr.arpa.zone]
                    hosts:
                      - id: hub
                        hostname: hub.example.test
                        addresses: [192.0.2.60]
                        mta: exim
                        config: agent
                    watch:
                      domains: [c.example.test, gone.example.test]
                    """);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theAgentPushesTheListsAndAnswersAndTheCheckUsesThem() throws Exception {
        Peers.program("curl", "/usr/bin/curl");
        EximRunner exim = EximRunner.create(ESTATE.resolve("exim"));
        Path host = Files.createDirectories(ESTATE.resolve("mailhost"));
        Files.writeString(host.resolve("virtual_domains"), "c.example.test\n");
        Path conf = host.resolve("exim4.conf");
        Files.writeString(conf, exim.preamble() + "primary_hostname = hub.example.test\n"
                + "domainlist local_domains = @ : localhost : lsearch;" + host.resolve("virtual_domains") + "\n"
                + "begin routers\nlocal:\n  driver = accept\n  domains = +local_domains\n  transport = t\n"
                + "begin transports\nt:\n  driver = appendfile\n  file = /dev/null\n");
        Path eximCommand = exim.command(conf);
        String token = tokens.issue("hub").token();
        Path pushConf = Files.writeString(ESTATE.resolve("push.conf"), "MAILDRIFT_URL=http://127.0.0.1:" + port
                + "\nMAILDRIFT_HOST=hub\nMAILDRIFT_TOKEN=" + token + "\n");
        for (int round = 0; round < 2; round++) {
            // the first run pushes the lists; the service then has questions, which the second run answers
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", Path.of("config-samples/agent/maildrift-push")
                    .toAbsolutePath().toString()).redirectErrorStream(true);
            pb.environment().put("MAILDRIFT_PUSH_CONF", pushConf.toString());
            // exim4 first on PATH, and no postconf: the Exim branch
            pb.environment().put("PATH", eximCommand.getParent() + ":/usr/bin:/bin");
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
        }
        assertThat(Files.readString(Path.of("target/agent-exim/hub/exim-bp"))).startsWith("domainlist local_domains = @");
        String answers = Files.readString(Path.of("target/agent-exim/hub/table-answers"));
        assertThat(answers).contains("exim:+local_domains\tc.example.test\tfound")
                .contains("exim:+local_domains\tgone.example.test\tnot-found");

        RunSummary run = runner.runNow("test").orElseThrow();
        assertThat(run.inconclusive()).isZero();
        List<LedgerEntry> routed = queries.findings(new FindingQueries.Filter(EnumSet.allOf(FindingState.class), null,
                "routed-name-not-accepted", "hub"), PageRequest.of(0, 10)).getContent();
        assertThat(routed).extracting(LedgerEntry::subject).containsExactly("gone.example.test");
    }
}

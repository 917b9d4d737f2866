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
import org.maildrift.testsupport.Openssl;
import org.maildrift.testsupport.Peers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The agent's tls-chain push end to end: a Postfix host with {@code config: agent} presents a chain file
 * holding its private key and certificate. The real maildrift-push (real postconf, real curl) pushes
 * postconf -n and then the certificate blocks only; the service stores no private key, and the next check
 * compares the pushed key with the TLSA record in DNS, which names another key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"maildrift.checks.interval=1h", "maildrift.agents.store=target/agent-tls-chain"})
class AgentTlsChainEndToEndTest {

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
            Path dir = Files.createTempDirectory("maildrift-agent-tls").toAbsolutePath();
            Files.writeString(dir.resolve("tls.test.zone"), """
                    $ORIGIN tls.test.
                    $TTL 300
                    @     SOA ns1 hostmaster 1 3600 600 86400 300
                          NS  ns1
                    ns1   A   192.0.2.53
                    mx1   A   192.0.2.70
                    @     MX  10 mx1
                    _25._tcp.mx1 TLSA 3 1 1 %s
                    """.formatted("00".repeat(32)));
            Files.writeString(dir.resolve("inventory.yml"), """
                    dns:
                      zone-files: [tls.test.zone]
                    hosts:
                      - id: mx1
                        hostname: mx1.tls.test
                        addresses: [192.0.2.70]
                        mta: postfix
                        config: agent
                    watch:
                      domains: [tls.test]
                    """);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theAgentPushesCertificatesOnlyAndTheCheckComparesThemWithTlsa() throws Exception {
        Peers.postconf();
        Peers.program("curl", "/usr/bin/curl");
        Path etc = Files.createDirectories(ESTATE.resolve("mailhost/etc-postfix"));
        Path cert = Openssl.selfSigned(etc, "mx1", "ec", "mx1.tls.test");
        Path chain = etc.resolve("chain.pem");
        Files.writeString(chain, Files.readString(etc.resolve("mx1.key")) + Files.readString(cert));
        Files.writeString(etc.resolve("main.cf"), "compatibility_level = 3.6\nmyhostname = mx1.tls.test\n"
                + "mydestination = $myhostname, tls.test, localhost\nsmtpd_tls_security_level = may\n"
                + "smtpd_tls_chain_files = " + chain + "\n");
        Files.writeString(etc.resolve("master.cf"), "");
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

        String pushed = Files.readString(Path.of("target/agent-tls-chain/mx1/tls-chain"));
        assertThat(pushed).startsWith("=== " + chain + "\n").contains("-----BEGIN CERTIFICATE-----")
                .doesNotContain("PRIVATE KEY");

        runner.runNow("test").orElseThrow();
        List<LedgerEntry> found = queries.findings(new FindingQueries.Filter(EnumSet.allOf(FindingState.class), null,
                "tlsa-matches-no-configured-key", "mx1"), PageRequest.of(0, 10)).getContent();
        assertThat(found).extracting(LedgerEntry::subject).containsExactly("_25._tcp.mx1.tls.test " + ESTATE.relativize(chain));
    }
}

package org.maildrift.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The agent's dkim push end to end: a Postfix host with {@code config: agent} signs with rspamd, whose key was
 * rotated while DNS still publishes the old one. The real maildrift-push (real postconf, rspamadm, openssl and
 * curl) pushes rspamd's merged dkim_signing and the public half of the key; the service stores no private key,
 * refuses a push that holds one, and the next check reports the mismatch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"maildrift.checks.interval=1h", "maildrift.agents.store=target/agent-dkim"})
class AgentDkimEndToEndTest {

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
            Path dir = Files.createTempDirectory("maildrift-agent-dkim").toAbsolutePath();
            Files.writeString(dir.resolve("inventory.yml"), """
                    dns:
                      zone-files: [dkim.test.zone]
                    hosts:
                      - id: mx1
                        hostname: mx1.dkim.test
                        addresses: [192.0.2.71]
                        mta: postfix
                        config: agent
                    watch:
                      domains: [dkim.test]
                    """);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theAgentPushesPublicKeysOnlyAndTheCheckComparesThemWithDns() throws Exception {
        Peers.postconf();
        Peers.program("curl", "/usr/bin/curl");
        Peers.program("rspamadm (Debian package rspamd)", "/usr/bin/rspamadm");
        Path host = Files.createDirectories(ESTATE.resolve("mailhost"));
        Path etc = Files.createDirectories(host.resolve("etc-postfix"));
        Path keys = Files.createDirectories(host.resolve("keys"));
        Path rspamd = Files.createDirectories(host.resolve("rspamd/local.d"));
        // the key rspamd signs with now, and the one DNS still publishes
        Path current = Openssl.rsaKey(keys.resolve("dkim.test.s2026.key"));
        Path old = Openssl.rsaKey(host.resolve("old.key"));
        String p = Openssl.dkimPublic(old);
        StringBuilder txt = new StringBuilder("\"v=DKIM1; k=rsa; \" \"p=");
        for (int i = 0; i < p.length(); i += 200) {
            txt.append(p, i, Math.min(p.length(), i + 200)).append("\" \"");
        }
        Files.writeString(ESTATE.resolve("dkim.test.zone"), """
                $ORIGIN dkim.test.
                $TTL 300
                @     SOA ns1 hostmaster 1 3600 600 86400 300
                      NS  ns1
                ns1   A   192.0.2.53
                mx1   A   192.0.2.71
                @     MX  10 mx1
                s2026._domainkey TXT ( %s" )
                """.formatted(txt.substring(0, txt.length() - 3)));
        Files.writeString(rspamd.resolve("dkim_signing.conf"), "selector = \"s2026\";\npath = \"" + keys
                + "/$domain.$selector.key\";\n");
        Files.writeString(etc.resolve("main.cf"), "compatibility_level = 3.6\nmyhostname = mx1.dkim.test\n"
                + "mydomain = dkim.test\nmyorigin = $mydomain\nmydestination = $myhostname, dkim.test, localhost\n");
        Files.writeString(etc.resolve("master.cf"), "");
        String token = tokens.issue("mx1").token();
        Path conf = Files.writeString(ESTATE.resolve("push.conf"), "MAILDRIFT_URL=http://127.0.0.1:" + port
                + "\nMAILDRIFT_HOST=mx1\nMAILDRIFT_TOKEN=" + token + "\nRSPAMD_LOCAL_CONFDIR=" + host.resolve("rspamd")
                + "\n");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", Path.of("config-samples/agent/maildrift-push")
                .toAbsolutePath().toString()).redirectErrorStream(true);
        pb.environment().put("MAILDRIFT_PUSH_CONF", conf.toString());
        pb.environment().put("MAIL_CONFIG", etc.toString());
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        Process proc = pb.start();
        proc.getOutputStream().close();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor()).as(out).isZero();

        String pushed = Files.readString(Path.of("target/agent-dkim/mx1/dkim"));
        assertThat(pushed).startsWith("=== rspamd-configdump\n{").contains("=== " + current + "\n-----BEGIN PUBLIC KEY-----")
                .doesNotContain("PRIVATE KEY");

        runner.runNow("test").orElseThrow();
        List<LedgerEntry> found = queries.findings(new FindingQueries.Filter(EnumSet.allOf(FindingState.class), null,
                "dkim-key-mismatch", "mx1"), PageRequest.of(0, 10)).getContent();
        assertThat(found).extracting(LedgerEntry::subject).containsExactly("s2026._domainkey.dkim.test");

        // a push with a private key in it is refused, and what was stored stays
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/hosts/mx1/config/dkim"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("=== rspamd-configdump\n{}\n=== " + current + "\n"
                        + Files.readString(current))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("private key").doesNotContain("BEGIN");
        assertThat(Files.readString(Path.of("target/agent-dkim/mx1/dkim"))).isEqualTo(pushed);
    }
}

package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.testsupport.Openssl;

/**
 * DKIM set up in Exim's own configuration: the smtp transport's dkim_domain, dkim_selector and
 * dkim_private_key name the key (a private key made by openssl, read under files-root for its public half).
 * `check` reports the selector whose record holds another key, with the transport option and line; a
 * transport whose domain comes from an expansion is inconclusive, never guessed.
 */
class EximDkimCheckTest {

    @TempDir
    Path tmp;

    private String pub(String key) throws Exception {
        Process p = new ProcessBuilder(Openssl.openssl().toString(), "pkey", "-in", key, "-pubout")
                .directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
        return out.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
    }

    private void genrsa(String out) throws Exception {
        Process p = new ProcessBuilder(Openssl.openssl().toString(), "genpkey", "-algorithm", "RSA", "-pkeyopt",
                "rsa_keygen_bits:2048", "-out", out).directory(tmp.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
    }

    private Path estate(String domainOption) throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("relay/root/etc/exim4"));
        genrsa(etc.resolve("dkim.key").toString());
        genrsa(tmp.resolve("old.key").toString());
        String published = pub(tmp.resolve("old.key").toString());
        Files.writeString(tmp.resolve("relay/exim4.conf"), """
                primary_hostname = relay.example.test
                domainlist local_domains = @
                acl_smtp_rcpt = acl_check_rcpt

                begin acl
                acl_check_rcpt:
                  accept domains = +local_domains
                  deny

                begin routers
                dnslookup:
                  driver = dnslookup
                  domains = ! +local_domains
                  transport = remote_smtp
                  no_more

                begin transports
                remote_smtp:
                  driver = smtp
                  dkim_domain = %s
                  dkim_selector = x2026
                  dkim_private_key = /etc/exim4/dkim.key
                """.formatted(domainOption));
        StringBuilder txt = new StringBuilder("\"v=DKIM1; k=rsa; p=");
        String p = published;
        while (p.length() > 200) {
            txt.append(p, 0, 200).append("\" \"");
            p = p.substring(200);
        }
        txt.append(p).append('"');
        Files.writeString(tmp.resolve("example.test.zone"), """
                $ORIGIN example.test.
                $TTL 300
                @        SOA ns1 hostmaster 1 3600 600 86400 300
                         NS  ns1
                ns1      A   192.0.2.53
                relay    A   192.0.2.40
                x2026._domainkey TXT ( %s )
                """.formatted(txt));
        Files.writeString(tmp.resolve("inventory.yml"), """
                dns:
                  zone-files: [example.test.zone]
                hosts:
                  - id: relay
                    hostname: relay.example.test
                    addresses: [192.0.2.40]
                    mta: exim
                    config: relay/exim4.conf
                    files-root: relay/root
                watch:
                  names: [relay.example.test]
                """);
        return tmp.resolve("inventory.yml");
    }

    @Test
    void reportsTheSelectorWhoseRecordHoldsAnotherKeyWithTheTransportOption() throws Exception {
        CliRun run = CliRun.of("check", "--inventory", estate("example.test").toString());
        assertThat(run.out()).contains("dkim-key-mismatch  x2026._domainkey.example.test")
                .contains("relay signs example.test with selector x2026, RSA 2048 (transport remote_smtp "
                        + "dkim_private_key relay/exim4.conf line 22)")
                .doesNotContain("dkim-selector-unpublished");
        assertThat(run.exit()).as(run.out()).isEqualTo(CheckCommand.FOUND);
    }

    @Test
    void aDomainFromAnExpansionIsInconclusiveNotGuessed() throws Exception {
        CliRun run = CliRun.of("check", "--inventory", estate("${lc:${domain:$h_from:}}").toString(),
                "--format", "json");
        assertThat(run.out()).doesNotContain("dkim-key-mismatch").contains("signer-unresolved")
                .contains("transport remote_smtp: dkim_domain, dkim_selector or dkim_private_key is built by an "
                        + "expansion maildrift does not evaluate");
        assertThat(run.exit()).as(run.out()).isEqualTo(CheckCommand.INCONCLUSIVE);
    }
}

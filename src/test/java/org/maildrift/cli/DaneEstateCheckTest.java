package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.testsupport.Openssl;

/**
 * An estate with DANE on three MTAs: a Postfix hub presenting an RSA and an ECDSA chain
 * (smtpd_tls_chain_files, each file its key then its certificate), an Exim relay whose certificate was
 * renewed with a new key (tls_certificate), and a sendmail host (ServerCertFile). Certificates are made by
 * openssl and the TLSA data computed by openssl. `check` reports each key no record matches, with the record
 * to publish; the "current + next" twin of the same estate is clean.
 */
class DaneEstateCheckTest {

    @TempDir
    Path tmp;

    private String rsa;
    private String ec;
    private String relayOld;
    private String relayNew;
    private String legacy;

    private Path estate(boolean twin) throws Exception {
        Path certs = Files.createDirectories(tmp.resolve("certs"));
        Path hubRsa = Openssl.selfSigned(certs, "hub-rsa", "rsa", "mx1.example.test");
        Path hubEc = Openssl.selfSigned(certs, "hub-ec", "ec", "mx1.example.test");
        Path old = Openssl.selfSigned(certs, "relay-old", "ec", "relay.example.test");
        Path renewed = Openssl.selfSigned(certs, "relay-new", "ec", "relay.example.test");
        Path apps = Openssl.selfSigned(certs, "apps", "rsa", "apps.example.test");
        rsa = Openssl.tlsaData(certs, hubRsa, 1, 1);
        ec = Openssl.tlsaData(certs, hubEc, 1, 1);
        relayOld = Openssl.tlsaData(certs, old, 1, 1);
        relayNew = Openssl.tlsaData(certs, renewed, 1, 1);
        legacy = Openssl.tlsaData(certs, apps, 0, 1);

        Path hub = Files.createDirectories(tmp.resolve("hub/root/etc/postfix"));
        Files.writeString(hub.resolve("rsa.pem"), Files.readString(certs.resolve("hub-rsa.key")) + Files.readString(hubRsa));
        Files.writeString(hub.resolve("ec.pem"), Files.readString(certs.resolve("hub-ec.key")) + Files.readString(hubEc));
        Files.writeString(tmp.resolve("hub/main.cf"), """
                compatibility_level = 3.6
                myhostname = mx1.example.test
                mydestination = $myhostname, a.example.test, localhost
                smtpd_tls_security_level = may
                smtpd_tls_chain_files = /etc/postfix/rsa.pem, /etc/postfix/ec.pem
                """);
        Path relay = Files.createDirectories(tmp.resolve("relay/root/etc/exim4"));
        Files.copy(renewed, relay.resolve("exim.crt"));
        Files.writeString(tmp.resolve("relay/exim4.conf"), """
                primary_hostname = relay.example.test
                domainlist local_domains = @ : b.example.test
                acl_smtp_rcpt = acl_check_rcpt
                tls_certificate = /etc/exim4/exim.crt
                tls_privatekey = /etc/exim4/exim.key

                begin acl
                acl_check_rcpt:
                  accept domains = +local_domains
                  deny

                begin routers
                local_user:
                  driver = accept
                  domains = +local_domains
                  transport = local_delivery

                begin transports
                local_delivery:
                  driver = appendfile
                  file = /var/mail/$local_part
                """);
        Path mail = Files.createDirectories(tmp.resolve("apps/root/etc/mail/tls"));
        Files.copy(apps, mail.resolve("sendmail-server.crt"));
        String cf = Files.readString(Path.of("config-samples/demo/apps/sendmail.cf"))
                + "O ServerCertFile=/etc/mail/tls/sendmail-server.crt\nO ServerKeyFile=/etc/mail/tls/sendmail-server.key\n";
        Files.writeString(tmp.resolve("apps/sendmail.cf"), cf);

        Files.writeString(tmp.resolve("example.test.zone"), """
                $ORIGIN example.test.
                $TTL 300
                @        SOA ns1 hostmaster 1 3600 600 86400 300
                         NS  ns1
                ns1      A   192.0.2.53
                mx1      A   192.0.2.10
                relay    A   192.0.2.40
                apps     A   192.0.2.30
                a        MX  10 mx1
                b        MX  10 relay
                c        MX  10 apps
                _25._tcp.mx1    TLSA 3 1 1 %s
                _25._tcp.relay  TLSA 3 1 1 %s
                _25._tcp.apps   TLSA 3 0 1 %s
                """.formatted(rsa, relayOld, legacy)
                + (twin ? "_25._tcp.mx1 TLSA 3 1 1 " + ec + "\n_25._tcp.relay TLSA 3 1 1 " + relayNew + "\n" : ""));
        Files.writeString(tmp.resolve("inventory.yml"), """
                dns:
                  zone-files: [example.test.zone]
                hosts:
                  - id: hub
                    hostname: mx1.example.test
                    addresses: [192.0.2.10]
                    mta: postfix
                    config: hub/main.cf
                    files-root: hub/root
                  - id: relay
                    hostname: relay.example.test
                    addresses: [192.0.2.40]
                    mta: exim
                    config: relay/exim4.conf
                    files-root: relay/root
                  - id: apps
                    hostname: apps.example.test
                    addresses: [192.0.2.30]
                    mta: sendmail
                    config: apps/sendmail.cf
                    files-root: apps/root
                watch:
                  domains: [a.example.test, b.example.test, c.example.test]
                """);
        return tmp.resolve("inventory.yml");
    }

    @Test
    void reportsTheEcdsaKeyAndTheRenewedKeyWithTheRecordsToPublish() throws Exception {
        CliRun run = CliRun.of("check", "--inventory", estate(false).toString());
        assertThat(run.out())
                .contains("tlsa-matches-no-configured-key  _25._tcp.mx1.example.test /etc/postfix/ec.pem")
                .contains("matches the ECDSA 256 key host hub presents")
                .contains("publish _25._tcp.mx1.example.test. IN TLSA 3 1 1 " + ec)
                .contains("tlsa-matches-no-configured-key  _25._tcp.relay.example.test /etc/exim4/exim.crt")
                .contains("publish _25._tcp.relay.example.test. IN TLSA 3 1 1 " + relayNew)
                .doesNotContain("/etc/postfix/rsa.pem\n")
                .doesNotContain("_25._tcp.apps.example.test")
                .doesNotContain("tlsa-unusable");
        assertThat(run.exit()).as(run.out()).isEqualTo(CheckCommand.FOUND);
    }

    @Test
    void staysSilentForTheCurrentAndNextTwin() throws Exception {
        CliRun run = CliRun.of("check", "--inventory", estate(true).toString());
        assertThat(run.out()).doesNotContain("tlsa-").doesNotContain("certificate-unreadable");
    }
}

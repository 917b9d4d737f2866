package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An estate with an Exim hub configured the Debian way (a dnslookup router for {@code ! +local_domains},
 * local routers after it, an RCPT ACL accepting {@code +local_domains} and {@code +relay_to_domains}), whose
 * local_domains list uses {@code @}, literals, a macro and an lsearch file: `check` reports the domain whose
 * MX points at the hub but that is in no list, and the name in the lsearch file that DNS no longer has, with
 * the file and line it comes from; the domains the lists do hold are not reported.
 */
class EximEstateCheckTest {

    @TempDir
    Path tmp;

    static final String HUB_CONF = """
            # exim4.conf of the hub
            MAIN_LOCAL = b.example.test
            primary_hostname = hub.example.test
            domainlist local_domains = @ : localhost : a.example.test : MAIN_LOCAL : \\
                lsearch;/etc/exim4/virtual_domains
            domainlist relay_to_domains = partner.example.test
            hostlist relay_from_hosts = 127.0.0.1
            acl_smtp_rcpt = acl_check_rcpt

            begin acl
            acl_check_rcpt:
              accept  hosts = :
              deny    domains = +local_domains
                      local_parts = ^[.] : ^.*[@%!/|]
              accept  local_parts = postmaster
                      domains = +local_domains
              accept  hosts = +relay_from_hosts
              require message = relay not permitted
                      domains = +local_domains : +relay_to_domains
              require verify = recipient
              accept

            begin routers
            dnslookup:
              driver = dnslookup
              domains = ! +local_domains
              transport = remote_smtp
              ignore_target_hosts = 0.0.0.0 : 127.0.0.0/8
              no_more
            system_aliases:
              driver = redirect
              allow_fail
              data = ${lookup{$local_part}lsearch{/etc/aliases}}
            local_user:
              driver = accept
              check_local_user
              transport = local_delivery

            begin transports
            remote_smtp:
              driver = smtp
            local_delivery:
              driver = appendfile
              file = /var/mail/$local_part
            """;

    private Path estate() throws Exception {
        Files.createDirectories(tmp.resolve("zones"));
        Files.writeString(tmp.resolve("zones/example.test.zone"), """
                $ORIGIN example.test.
                $TTL 300
                @        SOA ns1 hostmaster 1 3600 600 86400 300
                         NS  ns1
                ns1      A   192.0.2.53
                hub      A   192.0.2.60
                a        MX  10 hub
                b        MX  10 hub
                c        MX  10 hub
                missing  MX  10 hub
                """);
        Files.writeString(tmp.resolve("zones/2.0.192.in-addr.arpa.zone"), """
                $ORIGIN 2.0.192.in-addr.arpa.
                $TTL 300
                @   SOA ns1.example.test. hostmaster.example.test. 1 3600 600 86400 300
                    NS  ns1.example.test.
                60  PTR hub.example.test.
                """);
        Path etc = Files.createDirectories(tmp.resolve("hub/root/etc/exim4"));
        Files.writeString(etc.resolve("exim4.conf"), HUB_CONF);
        Files.writeString(etc.resolve("virtual_domains"), """
                # one domain per line
                c.example.test
                old.example.test
                """);
        Files.writeString(tmp.resolve("inventory.yml"), """
                site: exim
                dns:
                  zone-files: [zones/example.test.zone, zones/2.0.192.in-addr.arpa.zone]
                hosts:
                  - id: hub
                    hostname: hub.example.test
                    addresses: [192.0.2.60]
                    mta: exim
                    config: hub/root/etc/exim4/exim4.conf
                    files-root: hub/root
                watch:
                  domains: [a.example.test, b.example.test, c.example.test, missing.example.test]
                """);
        return tmp.resolve("inventory.yml");
    }

    @Test
    void reportsTheUnlistedDomainAndTheStaleLookupEntry() throws Exception {
        CliRun run = CliRun.of("check", "--inventory", estate().toString());
        assertThat(run.out()).contains("host hub (exim, hub.example.test)")
                .contains("routed-name-not-accepted  missing.example.test")
                .contains("accepted-name-stale  old.example.test")
                .contains("/etc/exim4/virtual_domains:3")
                .doesNotContain("routed-name-not-accepted  a.example.test")
                .doesNotContain("routed-name-not-accepted  b.example.test")
                .doesNotContain("routed-name-not-accepted  c.example.test")
                .doesNotContain("config-reference-unresolved")
                .contains(" 0 inconclusive");
        assertThat(run.exit()).as(run.out()).isEqualTo(CheckCommand.FOUND);
    }

    @Test
    void namesListsWhatTheHubAcceptsWithProvenance() throws Exception {
        estate();
        CliRun run = CliRun.of("names", "--exim", tmp.resolve("hub/root/etc/exim4/exim4.conf").toString(),
                "--files-root", tmp.resolve("hub/root").toString(), "--hostname", "hub.example.test");
        assertThat(run.out()).contains("hub.example.test").contains("a.example.test").contains("b.example.test")
                .contains("MAIN_LOCAL (macro)").contains("c.example.test").contains("old.example.test")
                .contains("partner.example.test");
        assertThat(run.exit()).as(run.out()).isZero();
    }

    private Path change(String name, String yaml) throws Exception {
        return Files.writeString(tmp.resolve(name), "changes:\n" + yaml);
    }

    @Test
    void precheckEditsTheListWhereItIsDefined() throws Exception {
        Path inventory = estate();
        CliRun accept = CliRun.of("precheck", "--inventory", inventory.toString(), "--change",
                change("accept.yml", "  - accept-name: {host: hub, name: missing.example.test}\n").toString());
        assertThat(accept.out()).contains("It would resolve 1 finding:")
                .contains("critical routed-name-not-accepted  missing.example.test")
                .contains("after:  host hub accepts missing.example.test");
        assertThat(accept.exit()).as(accept.out() + accept.err()).isZero();

        CliRun drop = CliRun.of("precheck", "--inventory", inventory.toString(), "--change",
                change("drop.yml", "  - drop-name: {host: hub, name: a.example.test}\n").toString());
        assertThat(drop.out()).contains("CRITICAL routed-name-not-accepted  a.example.test");
        assertThat(drop.exit()).isEqualTo(1);

        CliRun fromFile = CliRun.of("precheck", "--inventory", inventory.toString(), "--change",
                change("drop-file.yml", "  - drop-name: {host: hub, name: old.example.test}\n").toString());
        assertThat(fromFile.err() + fromFile.out()).contains("old.example.test is not listed literally");

        CliRun rename = CliRun.of("precheck", "--inventory", inventory.toString(), "--change",
                change("param.yml", "  - set-parameter: {host: hub, name: primary_hostname, value: mx.example.test}\n")
                        .toString());
        assertThat(rename.out()).contains("hostname-not-forward-confirmed  mx.example.test");
    }

    @Test
    void debianAnswersAreCheckedAndEditedWhereTheAdministratorEditsThem() throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("deb/root/etc/exim4"));
        Files.writeString(etc.resolve("exim4.conf.template"), "UPEX4CmacrosUPEX4C = 1\n"
                + ".ifndef MAIN_LOCAL_DOMAINS\nMAIN_LOCAL_DOMAINS = @:localhost\n.endif\n"
                + "domainlist local_domains = MAIN_LOCAL_DOMAINS\n"
                + "acl_smtp_rcpt = acl_check_rcpt\nbegin acl\nacl_check_rcpt:\n  accept domains = +local_domains\n"
                + "begin routers\ndnslookup:\n  driver = dnslookup\n  domains = ! +local_domains\n  transport = t\n"
                + "  no_more\nlocal_user:\n  driver = accept\n  check_local_user\n  transport = t\n");
        Files.writeString(etc.resolve("update-exim4.conf.conf"), "dc_eximconfig_configtype='internet'\n"
                + "dc_other_hostnames='a.example.test;b.example.test'\ndc_use_split_config='false'\n");
        estate();
        String inv = Files.readString(tmp.resolve("inventory.yml")).replace("""
                    mta: exim
                    config: hub/root/etc/exim4/exim4.conf
                    files-root: hub/root
                """, """
                    mta: exim
                    config: deb/root/etc/exim4
                    files-root: deb/root
                """);
        Path inventory = Files.writeString(tmp.resolve("debian.yml"), inv);
        CliRun check = CliRun.of("check", "--inventory", inventory.toString());
        assertThat(check.out()).contains("routed-name-not-accepted  c.example.test")
                .contains("routed-name-not-accepted  missing.example.test")
                .doesNotContain("routed-name-not-accepted  a.example.test")
                .contains("fix: add c.example.test to dc_other_hostnames");
        CliRun accept = CliRun.of("precheck", "--inventory", inventory.toString(), "--change",
                change("deb.yml", "  - accept-name: {host: hub, name: c.example.test}\n").toString());
        assertThat(accept.out()).contains("It would resolve 1 finding:").contains("routed-name-not-accepted  c.example.test");
    }

    @Test
    void aBackupMxThatRelaysForItsMxDomainsIsCheckedThroughDns() throws Exception {
        estate();
        Files.writeString(tmp.resolve("zones/example.test.zone"), Files.readString(tmp.resolve("zones/example.test.zone"))
                + "mx2      A   192.0.2.61\nbackup   MX  10 hub\n         MX  20 mx2\n");
        Files.writeString(tmp.resolve("zones/2.0.192.in-addr.arpa.zone"),
                Files.readString(tmp.resolve("zones/2.0.192.in-addr.arpa.zone")) + "61  PTR mx2.example.test.\n");
        Files.createDirectories(tmp.resolve("mx2"));
        Files.writeString(tmp.resolve("mx2/exim4.conf"), """
                domainlist local_domains = @ : localhost
                domainlist relay_to_domains = @mx_secondary
                acl_smtp_rcpt = acl_check_rcpt
                begin acl
                acl_check_rcpt:
                  accept domains = +local_domains
                  accept domains = +relay_to_domains
                  deny
                begin routers
                dnslookup:
                  driver = dnslookup
                  domains = ! +local_domains
                  transport = remote_smtp
                  no_more
                local_user:
                  driver = accept
                  transport = local_delivery
                """);
        String inv = Files.readString(tmp.resolve("inventory.yml")).replace("watch:", """
                  - id: mx2
                    hostname: mx2.example.test
                    addresses: [192.0.2.61]
                    mta: exim
                    config: mx2/exim4.conf
                watch:""").replace("missing.example.test]", "missing.example.test, backup.example.test]");
        Path inventory = Files.writeString(tmp.resolve("backup.yml"), inv);
        CliRun run = CliRun.of("check", "--inventory", inventory.toString());
        assertThat(run.out()).contains("2 hosts")
                // the hub, its primary MX, does not list it (a real finding); the backup relays it by @mx_secondary
                .contains("host hub does not accept backup.example.test")
                .doesNotContain("host mx2 does not accept backup.example.test")
                .doesNotContain("@mx_secondary depends on")
                .contains(" 0 inconclusive");
    }
}

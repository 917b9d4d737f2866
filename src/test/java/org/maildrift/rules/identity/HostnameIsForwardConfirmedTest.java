package org.maildrift.rules.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class HostnameIsForwardConfirmedTest {

    private static final String RULE = "hostname-not-forward-confirmed";

    @TempDir
    Path tmp;

    @Test
    void reportsMyhostnameWithoutAddress() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.host()).isEqualTo("mx1");
        assertThat(f.subject()).isEqualTo("mail.example.com");
        assertThat(f.message()).contains("sends from 192.0.2.10 (IPv4)");
        assertThat(f.evidence()).contains("mail.example.com A: nxdomain",
                "mx1 sends from its address 192.0.2.10 (no IPv4 bind address is configured)");
        assertThat(f.fix()).startsWith("add mail.example.com A 192.0.2.10 to DNS, or set myhostname");
    }

    @Test
    void staysSilentWhenMyhostnameResolvesToHost() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }

    /** The HELO name has an A record for the host but no AAAA, and the host sends over IPv6 too. */
    @Test
    void reportsTheFamilyTheHeloNameLacks() throws Exception {
        List<Finding> found = RuleTesting.findingsIn(RULE, estate("", "mx1 IN A 192.0.2.10"), tmp);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("mx1.example.com");
            assertThat(f.message()).contains("sends from 2001:db8::10 (IPv6)").doesNotContain("192.0.2.10 (IPv4)");
            assertThat(f.evidence()).contains("mx1.example.com A: 192.0.2.10", "mx1.example.com AAAA: nodata");
            assertThat(f.fix()).startsWith("add mx1.example.com AAAA 2001:db8::10 to DNS");
        });
        // both families published: nothing to say
        assertThat(RuleTesting.findingsIn(RULE, estate("", "mx1 IN A 192.0.2.10\nmx1 IN AAAA 2001:db8::10"), tmp))
                .isEmpty();
    }

    @Test
    void aClientKeptOnIpv4IsNotHeldToItsIpv6Address() throws Exception {
        assertThat(RuleTesting.findingsIn(RULE, estate("inet_protocols = ipv4\n", "mx1 IN A 192.0.2.10"), tmp)).isEmpty();
        assertThat(RuleTesting.findingsIn(RULE, estate("inet_protocols = ipv6\n", "mx1 IN A 192.0.2.10"), tmp))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("2001:db8::10 (IPv6)"));
    }

    @Test
    void theBindAddressIsWhatTheHeloNameMustResolveTo() throws Exception {
        String dns = "mx1 IN A 192.0.2.10\nmx1 IN AAAA 2001:db8::10";
        List<Finding> found = RuleTesting.findingsIn(RULE, estate("smtp_bind_address = 192.0.2.11\n", dns), tmp);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("sends from 192.0.2.11 (IPv4)");
            assertThat(f.evidence()).anyMatch(l -> l.startsWith("mx1 sends from 192.0.2.11 (smtp_bind_address = 192.0.2.11 (mx1/main.cf:"));
        });
        // the same address written another way (2001:DB8:0::10) is the same address
        assertThat(RuleTesting.findingsIn(RULE, estate("smtp_bind_address6 = 2001:DB8:0::10\n", dns), tmp)).isEmpty();
    }

    @Test
    void aConfiguredHeloNameIsCheckedInPlaceOfMyhostname() throws Exception {
        String dns = "mx1 IN A 192.0.2.10\nmx1 IN AAAA 2001:db8::10";
        List<Finding> found = RuleTesting.findingsIn(RULE, estate("smtp_helo_name = out.example.com\n", dns), tmp);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("out.example.com");
            assertThat(f.evidence()).anyMatch(l -> l.startsWith("host mx1 says HELO out.example.com (smtp_helo_name = "
                    + "out.example.com (mx1/main.cf:"));
            assertThat(f.fix()).contains("or set smtp_helo_name to a name");
        });
        assertThat(RuleTesting.findingsIn(RULE, estate("smtp_helo_name = out.example.com\n",
                dns + "\nout IN A 192.0.2.10\nout IN AAAA 2001:db8::10"), tmp)).isEmpty();
    }

    /** Through a relay the relay's HELO is what receivers see; the MTA's own name must still be the host's. */
    @Test
    void throughARelayOnlyTheOwnNameIsChecked() throws Exception {
        String relay = "relayhost = [relay.example.net]\n";
        CheckReport clean = RuleTesting.check(estate(relay, "mx1 IN A 192.0.2.10"), tmp);
        assertThat(clean.findings()).noneMatch(f -> f.rule().equals(RULE));
        List<Finding> found = RuleTesting.findingsIn(RULE, estate(relay, "other IN A 192.0.2.99"), tmp);
        assertThat(found).singleElement().satisfies(f -> assertThat(f.message())
                .isEqualTo("host mx1 calls itself mx1.example.com, but mx1.example.com has no address; receivers that "
                        + "check the HELO name may reject its mail"));
    }

    @Test
    void eximHeloDataAndInterfaceOfTheRemoteTransport() throws Exception {
        String exim = """
                primary_hostname = mx1.example.com
                domainlist local_domains = @ : example.com
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
                local_user:
                  driver = accept
                  check_local_user
                  transport = local_delivery
                begin transports
                remote_smtp:
                  driver = smtp
                  helo_data = out.example.com
                  interface = <; 192.0.2.11 ; 2001:db8::11
                local_delivery:
                  driver = appendfile
                  file = /var/mail/$local_part
                """;
        String text = """
                # exim
                --- inventory.yml
                dns:
                  zone-files: [example.com.zone]
                hosts:
                  - id: mx1
                    hostname: mx1.example.com
                    addresses: [192.0.2.10, 192.0.2.11, 2001:db8::10, 2001:db8::11]
                    mta: exim
                    config: mx1/exim4.conf
                watch:
                  domains: [example.com]
                --- example.com.zone
                $ORIGIN example.com.
                $TTL 300
                @        IN SOA  ns1 hostmaster 1 3600 600 86400 300
                         IN NS   ns1
                ns1      IN A    192.0.2.53
                @        IN MX   10 mx1
                mx1      IN A    192.0.2.10
                mx1      IN AAAA 2001:db8::10
                out      IN A    192.0.2.11
                --- mx1/exim4.conf
                """ + exim;
        List<Finding> found = RuleTesting.findingsIn(RULE, text, tmp);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("out.example.com");
            assertThat(f.message()).contains("sends from 2001:db8::11 (IPv6)").doesNotContain("192.0.2.11 (IPv4)");
            assertThat(f.evidence()).anyMatch(l -> l.startsWith("host mx1 says HELO out.example.com (transport remote_smtp "
                    + "helo_data = out.example.com (mx1/exim4.conf:"));
            assertThat(f.fix()).contains("or set transport remote_smtp helo_data to a name");
        });
        // disable_ipv6 keeps the client on IPv4, where out.example.com is the interface's name
        assertThat(RuleTesting.findingsIn(RULE, text.replace("primary_hostname = mx1.example.com",
                "primary_hostname = mx1.example.com\ndisable_ipv6 = true"), tmp)).isEmpty();
    }

    /** mx1.example.com, 192.0.2.10 and 2001:db8::10, with main.cf lines {@code extra} and records {@code records}. */
    private static String estate(String extra, String records) {
        return """
                # helo
                --- inventory.yml
                dns:
                  zone-files: [example.com.zone]
                hosts:
                  - id: mx1
                    hostname: mx1.example.com
                    addresses: [192.0.2.10, 192.0.2.11, 2001:db8::10]
                    mta: postfix
                    config: mx1/main.cf
                    relay-addresses: [198.51.100.25]
                watch:
                  domains: [example.com]
                --- example.com.zone
                $ORIGIN example.com.
                $TTL 300
                @        IN SOA  ns1 hostmaster 1 3600 600 86400 300
                         IN NS   ns1
                ns1      IN A    192.0.2.53
                @        IN MX   10 mx1
                """ + records + "\n" + """
                --- mx1/main.cf
                compatibility_level = 3.6
                myhostname = mx1.example.com
                mydestination = $myhostname, $mydomain, localhost
                """ + extra;
    }
}

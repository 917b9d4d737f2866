package org.maildrift.rules.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;
import org.maildrift.rules.SenderPaths;
import org.maildrift.rules.Severity;

class SpfAuthorizesEgressAddressTest {

    private static final String RULE = "spf-excludes-egress-address";

    @TempDir
    Path tmp;

    @Test
    void reportsTheOldAddressAfterAReaddressing() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.message()).contains("SPF of example.com fails 192.0.2.20");
        assertThat(f.fix()).contains("\"v=spf1 ip4:192.0.2.10 ip4:192.0.2.20 -all\"");
    }

    @Test
    void staysSilentWhenTheRecordNamesTheAddress() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }

    @Test
    void theMechanismGoesBeforeAllOrRedirect() {
        assertThat(SpfAuthorizesEgressAddress.withMechanism("v=spf1 mx ~all", "ip6:2001:db8::1"))
                .isEqualTo("v=spf1 mx ip6:2001:db8::1 ~all");
        assertThat(SpfAuthorizesEgressAddress.withMechanism("v=spf1 a redirect=_spf.example", "ip4:192.0.2.1"))
                .isEqualTo("v=spf1 a ip4:192.0.2.1 redirect=_spf.example");
        assertThat(SpfAuthorizesEgressAddress.withMechanism("v=spf1 a", "ip4:192.0.2.1")).isEqualTo("v=spf1 a ip4:192.0.2.1");
    }

    @Test
    void relaysAndPrivateAddressesAreNotTheHostsOwn() {
        assertThat(SenderPaths.relayName("[smtp.provider.example]:587")).isEqualTo("smtp.provider.example");
        assertThat(SenderPaths.relayName("relay.example:25")).isEqualTo("relay.example");
        assertThat(SenderPaths.isPublic("10.1.2.3")).isFalse();
        assertThat(SenderPaths.isPublic("172.20.0.1")).isFalse();
        assertThat(SenderPaths.isPublic("fd00::1")).isFalse();
        assertThat(SenderPaths.isPublic("192.0.2.20")).isTrue();
        assertThat(SenderPaths.isPublic("2001:db8::20")).isTrue();
    }

    /** Mail from example.net leaves through the relay sender_dependent_relayhost_maps picks; example.com goes direct. */
    @Test
    void reportsTheRelayASendersMapPicks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        String text = """
                # sender-dependent relays
                --- inventory.yml
                dns:
                  zone-files: [example.com.zone]
                hosts:
                  - id: lists
                    hostname: lists.example.com
                    addresses: [192.0.2.20]
                    mta: postfix
                    config: lists/main.cf
                    files-root: lists/root
                    sends-for: [example.net]
                  - id: relay
                    hostname: relay.example.com
                    addresses: [192.0.2.40]
                    mta: postfix
                    config: relay/main.cf
                watch:
                  domains: [example.com]
                --- example.com.zone
                $ORIGIN example.com.
                $TTL 300
                @            IN SOA  ns1 hostmaster 1 3600 600 86400 300
                             IN NS   ns1
                ns1          IN A    192.0.2.53
                @            IN MX   10 lists
                @            IN TXT  "v=spf1 ip4:192.0.2.20 ip4:192.0.2.40 -all"
                lists        IN A    192.0.2.20
                relay        IN A    192.0.2.40
                --- example.net.zone
                $ORIGIN example.net.
                $TTL 300
                @            IN SOA  ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300
                             IN NS   ns1.example.com.
                @            IN TXT  "v=spf1 ip4:192.0.2.20 -all"
                --- lists/main.cf
                compatibility_level = 3.6
                myhostname = lists.example.com
                myorigin = $mydomain
                mydestination = $myhostname, $mydomain, localhost
                sender_dependent_relayhost_maps = hash:/etc/postfix/sender_relay
                --- lists/root/etc/postfix/sender_relay
                # sender          relay
                @Example.NET      [relay.example.com]:587
                --- relay/main.cf
                compatibility_level = 3.6
                myhostname = relay.example.com
                """.replace("zone-files: [example.com.zone]", "zone-files: [example.com.zone, example.net.zone]");
        List<Finding> found = RuleTesting.findingsIn("spf-excludes-egress-address", text, tmp);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("example.net");
            assertThat(f.message()).contains("fails 192.0.2.40");
            assertThat(f.evidence()).anyMatch(e -> e.contains("lists hands its mail to relay (sender_dependent_relayhost_maps"
                    + " = [relay.example.com]:587 (/etc/postfix/sender_relay:2))"));
        });
        // a map maildrift cannot read: the relay of every sender is unknown, never "direct"
        org.maildrift.rules.CheckReport unknown = RuleTesting.check(text.replace("hash:/etc/postfix/sender_relay",
                "mysql:/etc/postfix/sender_relay.cf"), tmp);
        assertThat(unknown.findings()).noneMatch(f -> f.rule().equals("spf-excludes-egress-address"));
        assertThat(unknown.inconclusive()).anyMatch(i -> i.outcome().equals("sender-relay-unknown"));
    }
}

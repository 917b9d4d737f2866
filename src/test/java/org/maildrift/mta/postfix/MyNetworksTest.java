package org.maildrift.mta.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.maildrift.mail.InterfaceAddress;

/**
 * The mynetworks default from the inventory's addresses. The expected values are what postconf 3.7.11
 * printed on a host with the same interfaces (MyNetworksDifferentialTest checks them against it live).
 */
class MyNetworksTest {

    private static final List<InterfaceAddress> HOST = List.of(InterfaceAddress.parse("192.0.2.10/24"),
            InterfaceAddress.parse("10.1.2.3/12"));

    private static Postconf.Output query(String mainCf, List<InterfaceAddress> addresses, String... names) {
        PostfixParameters p = PostfixParameters.of(MainCfParser.parse("main.cf", mainCf),
                new PostfixReader.Host("mail", addresses), "/etc/postfix");
        return Postconf.query(p, List.of(names), true);
    }

    @Test
    void eachStyleTurnsTheInterfacesIntoNetworks() {
        assertThat(query("mynetworks_style = host\n", HOST, "mynetworks").stdout())
                .isEqualTo("127.0.0.1/32 192.0.2.10/32 10.1.2.3/32 [::1]/128\n");
        assertThat(query("mynetworks_style = subnet\n", HOST, "mynetworks").stdout())
                .isEqualTo("127.0.0.0/8 192.0.2.0/24 10.0.0.0/12 [::1]/128\n");
        assertThat(query("mynetworks_style = class\n", HOST, "mynetworks").stdout())
                .isEqualTo("127.0.0.0/8 192.0.2.0/24 10.0.0.0/8 [::1]/128\n");
        // compatibility_level 3.6 or later: the default style is host
        assertThat(query("compatibility_level = 3.6\n", HOST, "mynetworks").stdout())
                .isEqualTo("127.0.0.1/32 192.0.2.10/32 10.1.2.3/32 [::1]/128\n");
    }

    @Test
    void listedInterfacesAreSortedAndMadeUnique() {
        assertThat(query("mynetworks_style = host\ninet_interfaces = 192.0.2.10, 10.1.2.3 192.0.2.10\n", HOST,
                "mynetworks").stdout()).isEqualTo("10.1.2.3/32 192.0.2.10/32\n");
        assertThat(query("mynetworks_style = host\ninet_interfaces = localhost, [192.0.2.10]\n", HOST, "mynetworks")
                .stdout()).isEqualTo("127.0.0.1/32 192.0.2.10/32 [::1]/128\n");
        assertThat(query("mynetworks_style = host\ninet_protocols = ipv4\n", HOST, "mynetworks").stdout())
                .isEqualTo("127.0.0.1/32 192.0.2.10/32 10.1.2.3/32\n");
        assertThat(query("inet_protocols =\ninet_interfaces = 198.51.100.1\n", HOST, "mynetworks").stdout())
                .isEqualTo("\n");
    }

    @Test
    void theValueEndsInABlankWhereItIsEmbedded() {
        assertThat(query("mynetworks_style = host\ninet_interfaces = loopback-only\nproxy_read_maps = $mynetworks,x\n",
                HOST, "proxy_read_maps").stdout()).isEqualTo("127.0.0.1/32 [::1]/128 ,x\n");
    }

    @Test
    void anAddressTheHostLacksIsFatalForEveryQuery() {
        Postconf.Output o = query("inet_interfaces = 198.51.100.7\n", HOST, "myhostname");
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.stdout()).isEmpty();
        assertThat(o.stderr()).contains("fatal: parameter inet_interfaces: no local interface found for 198.51.100.7");
        // but not when mynetworks is set: postconf then never looks at the interfaces
        assertThat(query("inet_interfaces = 198.51.100.7\nmynetworks = 127.0.0.0/8\n", HOST, "myhostname").exitCode())
                .isZero();
    }

    @Test
    void badStylesAndProtocolsAreFatal() {
        assertThat(query("mynetworks_style = Host\n", HOST, "myhostname").stderr())
                .contains("fatal: unknown mynetworks mask style value \"Host\" in \"Host\"");
        assertThat(query("mynetworks_style = host subnet\n", HOST, "myhostname").stderr())
                .contains("fatal: bad mynetworks_style value: host subnet; specify exactly one value");
        assertThat(query("inet_protocols = IPv4\n", HOST, "myhostname").stderr())
                .contains("fatal: unknown inet_protocols value \"IPv4\" in \"IPv4\"");
        assertThat(query("inet_interfaces = all, 127.0.0.1\n", HOST, "myhostname").stderr())
                .contains("fatal: config variable inet_interfaces: host not found: all");
        assertThat(query("inet_protocols = ipv4\ninet_interfaces = [::1]\n", HOST, "myhostname").stderr())
                .contains("fatal: config variable inet_interfaces: host not found: [::1]");
    }

    @Test
    void whatTheInventoryDoesNotSayIsWarnedAbout() {
        Postconf.Output subnet = query("mynetworks_style = subnet\n", List.of(InterfaceAddress.of("192.0.2.10")),
                "mynetworks");
        assertThat(subnet.exitCode()).isZero();
        assertThat(subnet.stderr()).anyMatch(w -> w.contains("needs the subnet of 192.0.2.10"));
        Postconf.Output named = query("inet_interfaces = mail.example.com\n", HOST, "mynetworks");
        assertThat(named.stderr()).anyMatch(w -> w.contains("resolves through /etc/hosts or DNS"));
        Postconf.Output embedded = query("mynetworks_style = subnet\nfoo = $mynetworks\nbody_checks = $foo\n",
                List.of(InterfaceAddress.of("192.0.2.10")), "body_checks");
        assertThat(embedded.stderr()).anyMatch(w -> w.startsWith("warning: body_checks: depends on mynetworks"));
        assertThat(query("mynetworks_style = subnet\n", HOST, "mynetworks").stderr()).isEmpty();
        assertThat(query("", HOST, "process_id").stderr()).anyMatch(w -> w.contains("its own process id"));
    }

    @Test
    void legacyTableReferencesMakeTheirParametersKnown() {
        String mainCf = """
                header_checks = ldap:one, proxy:mysql:two pipemap:{sqlite:three} LDAP:four ldap:./five
                body_checks = $tables
                tables = ldap:six
                unused = ldap:seven
                one_domain = a
                one_foo = a
                two_hosts = b
                three_dbpath = c
                four_domain = d
                five_domain = e
                six_search_base = f
                seven_domain = g
                """;
        PostfixParameters p = PostfixParameters.of(MainCfParser.parse("main.cf", mainCf), "mail", "/etc/postfix");
        assertThat(List.of("one_domain", "two_hosts", "three_dbpath", "six_search_base")).allMatch(p::isKnown);
        assertThat(List.of("one_foo", "four_domain", "five_domain", "seven_domain")).noneMatch(p::isKnown);
    }
}

package org.maildrift.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mail.Mta;

class InventoryLoaderTest {

    @TempDir
    Path dir;

    Path file;

    @BeforeEach
    void files() throws Exception {
        file = dir.resolve("inventory.yml");
        Files.writeString(dir.resolve("example.com.zone"), "$ORIGIN example.com.\n");
        Files.createDirectories(dir.resolve("mx1"));
        Files.writeString(dir.resolve("mx1/main.cf"), "myhostname = mx1.example.com\n");
        Files.createDirectories(dir.resolve("mx1/root"));
    }

    private static final String GOOD = """
            site: hq
            dns:
              zone-files: [example.com.zone]
              views:
                - name: internal
                  servers: ["192.0.2.53", "192.0.2.54:5353", "[2001:db8::53]:53", system]
              transfers: [Example.COM.]
            hosts:
              - id: mx1
                hostname: MX1.example.com.
                addresses: [192.0.2.10, "2001:DB8:0:0::10"]
                mta: postfix
                config: mx1
                files-root: mx1/root
            watch:
              names: [ML.example.com]
              domains: [example.com]
              zones: [example.com]
            """;

    @Test
    void readsEveryKeyResolvingPathsAgainstTheInventoryFolder() throws Exception {
        Files.writeString(file, GOOD);
        Inventory inv = InventoryLoader.load(file);
        assertThat(inv.site()).isEqualTo("hq");
        assertThat(inv.dns().zoneFiles()).containsExactly(dir.resolve("example.com.zone"));
        assertThat(inv.dns().views().get(0).servers()).containsExactly("192.0.2.53", "192.0.2.54:5353",
                "[2001:db8::53]:53", "system");
        assertThat(inv.dns().transfers()).containsExactly("example.com");
        Inventory.Host h = inv.hosts().get(0);
        assertThat(h.hostname()).isEqualTo("mx1.example.com");
        assertThat(h.addresses()).containsExactly("192.0.2.10", "2001:db8::10");
        assertThat(h.mta()).isEqualTo(Mta.POSTFIX);
        assertThat(h.config()).isEqualTo(dir.resolve("mx1"));
        assertThat(h.filesRoot()).isEqualTo(dir.resolve("mx1/root"));
        assertThat(h.line()).isEqualTo(9);
        assertThat(inv.watch().names()).containsExactly("ml.example.com");
    }

    @Test
    void rejectsAnUnknownKeyWithItsLine() throws Exception {
        expectError(GOOD.replace("    mta: postfix", "    mta: postfix\n    mta_type: postfix"),
                ":13: hosts[].mta_type: unknown key; expected one of addresses, config, files-root, hostname, id, mta");
    }

    /** A missing configuration blinds its host alone: the check reports it for that host (issue 12). */
    @Test
    void aMissingConfigFileIsLeftToTheCheckOfItsHost() throws Exception {
        Path file = dir.resolve("inventory.yml");
        Files.writeString(file, GOOD.replace("config: mx1", "config: mx9/main.cf"));
        assertThat(InventoryLoader.load(file).host("mx1").orElseThrow().config()).isEqualTo(dir.resolve("mx9/main.cf"));
    }

    @Test
    void rejectsBadValues() throws Exception {
        expectError(GOOD.replace("192.0.2.10,", "192.0.2.300,"),
                ":11: hosts[mx1].addresses: '192.0.2.300' is not an IPv4 or IPv6 address");
        expectError(GOOD.replace("mta: postfix", "mta: qmail"), ":12: hosts[mx1].mta: 'qmail' is not one of: postfix, sendmail, exim");
        expectError(GOOD.replace("\"192.0.2.53\",", "\"ns1.example.com\","),
                ":6: dns.views[].servers: 'ns1.example.com' is not IP[:PORT] (or 'system')");
        expectError(GOOD.replace("\"192.0.2.54:5353\"", "\"192.0.2.54:70000\""), ":6: dns.views[].servers: "
                + "'192.0.2.54:70000': port must be 1-65535");
        expectError(GOOD.replace("names: [ML.example.com]", "names: [ML..example.com]"),
                ":16: watch.names: 'ML..example.com' is not a DNS name");
        expectError(GOOD.replace("addresses: [192.0.2.10, \"2001:DB8:0:0::10\"]", "addresses: 192.0.2.10"),
                ":11: hosts[mx1].addresses: expected a list, found '192.0.2.10'");
    }

    @Test
    void readsSystemSendersWithRootAlwaysAmongThem() throws Exception {
        Files.writeString(file, GOOD.replace("    mta: postfix", "    mta: postfix\n    system-senders: [listapp, Root]"));
        assertThat(InventoryLoader.load(file).hosts().get(0).systemSenders()).containsExactly("root", "listapp");
        Files.writeString(file, GOOD);
        assertThat(InventoryLoader.load(file).hosts().get(0).systemSenders()).containsExactly("root");
        // a name that is not a local user is refused with its line, without echoing it
        expectError(GOOD.replace("    mta: postfix", "    mta: postfix\n    system-senders: [\"app@example.com\"]"),
                ":13: hosts[mx1].system-senders: not a local user name");
    }

    @Test
    void readsTheRspamdFolderWhichNeedsFilesRoot() throws Exception {
        Files.writeString(file, GOOD.replace("    mta: postfix", "    mta: postfix\n    rspamd: /etc/rspamd"));
        assertThat(InventoryLoader.load(file).hosts().get(0).rspamd()).isEqualTo("/etc/rspamd");
        expectError(GOOD.replace("    mta: postfix", "    mta: postfix\n    rspamd: etc/rspamd"),
                ":13: hosts[mx1].rspamd: the path of rspamd's configuration folder on the host, absolute");
        expectError(GOOD.replace("    mta: postfix", "    mta: postfix\n    rspamd: /etc/rspamd")
                .replace("    files-root: mx1/root\n", ""), ":13: hosts[mx1].rspamd: needs files-root");
    }

    @Test
    void rejectsTheSameAddressOnTwoHosts() throws Exception {
        String second = """
                  - id: mx2
                    hostname: mx2.example.com
                    addresses: ["2001:db8::10"]
                    mta: postfix
                    config: mx1/main.cf
                watch:""";
        expectError(GOOD.replace("watch:", second), "hosts[mx2].addresses: 2001:db8::10 is already an address of host mx1");
    }

    @Test
    void rejectsAnInventoryWithoutDnsSource() throws Exception {
        expectError(GOOD.replace("  zone-files: [example.com.zone]\n", "").replaceAll("(?s)  views:.*?system]\n", "")
                .replace("  transfers: [Example.COM.]\n", "  transfers: []\n"), ":3: dns: give zone-files, views or both");
    }

    @Test
    void rejectsYamlThatDoesNotParse() throws Exception {
        expectError("dns:\n  zone-files: [a\nhosts: x\n", "not valid YAML");
        expectError("", "empty inventory");
        expectError("- just\n- a list\n", ":1: (top level): expected a mapping (key: value), found a list");
    }

    private void expectError(String yaml, String message) throws Exception {
        Files.writeString(file, yaml);
        assertThatThrownBy(() -> InventoryLoader.load(file)).isInstanceOf(InventoryException.class)
                .hasMessageContaining(message).hasMessageStartingWith(file.toString());
    }
}

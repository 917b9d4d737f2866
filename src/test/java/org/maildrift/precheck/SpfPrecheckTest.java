package org.maildrift.precheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.collect.EvidenceCollector;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.InventoryLoader;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Scenario;

/** set-txt: an SPF edit checked before it is published, evaluated by the same SPF rules over the proposed DNS. */
class SpfPrecheckTest {

    @TempDir
    Path dir;

    private Precheck.Result precheck(Path inventory, String changes) throws Exception {
        Path file = dir.resolve("change.yml");
        Files.writeString(file, changes);
        try (EvidenceCollector c = new EvidenceCollector(InventoryLoader.load(inventory),
                ResolverDnsObserver.Settings.DEFAULTS)) {
            List<Evidence> evidence = c.collect();
            return Precheck.withCatalog().run(evidence, ChangeSetLoader.load(file));
        }
    }

    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    @Test
    void theRecordTheFixNamesResolvesTheFinding() throws Exception {
        Path inventory = Scenario.load("spf-excludes-egress-address", "drifting")
                .materialize(Files.createDirectories(dir.resolve("estate")));
        Precheck.Result r = precheck(inventory,
                "- set-txt: {name: example.com, records: [\"v=spf1 ip4:192.0.2.10 ip4:192.0.2.20 -all\"]}\n");
        assertThat(rules(r.resolved())).containsExactly("spf-excludes-egress-address");
        assertThat(r.introduced()).isEmpty();
    }

    @Test
    void droppingTheAddressOrAddingASecondRecordIsCaughtBeforeItIsPublished() throws Exception {
        Path inventory = Scenario.load("spf-excludes-egress-address", "clean")
                .materialize(Files.createDirectories(dir.resolve("estate")));
        Precheck.Result dropped = precheck(inventory, "- set-txt: {name: example.com, records: [\"v=spf1 ip4:198.51.100.7 ~all\"]}\n");
        assertThat(rules(dropped.introduced())).containsExactly("spf-excludes-egress-address");
        assertThat(dropped.introduced().get(0).severity().label()).isEqualTo("warning");
        Precheck.Result two = precheck(inventory, "- set-txt: {name: example.com, records: [\"v=spf1 ip4:192.0.2.20 -all\","
                + " \"v=spf1 include:_spf.provider.example -all\"]}\n");
        assertThat(rules(two.introduced())).containsExactly("spf-record-broken");
        assertThat(two.verdict().clean()).isFalse();
    }

    /** The list server moves to a new address: SPF still names the old one, and the new one has no PTR yet. */
    @Test
    void readdressingAHostSaysWhichSpfRecordToPublish() throws Exception {
        Path inventory = Scenario.load("spf-excludes-egress-address", "clean")
                .materialize(Files.createDirectories(dir.resolve("estate")));
        Precheck.Result moved = precheck(inventory, "- readdress-host: {host: lists, addresses: [192.0.2.21]}\n");
        assertThat(rules(moved.introduced())).containsExactlyInAnyOrder("spf-excludes-egress-address",
                "reverse-dns-mismatch");
        Finding spf = moved.introduced().stream().filter(f -> f.rule().startsWith("spf")).findFirst().orElseThrow();
        assertThat(spf.message()).contains("fails 192.0.2.21");
        assertThat(spf.fix()).contains("publish example.com. IN TXT \"v=spf1 ip4:192.0.2.20 ip4:192.0.2.21 -all\"");
        // the host's name follows it: HELO still resolves to where the mail comes from
        assertThat(rules(moved.introduced())).doesNotContain("hostname-not-forward-confirmed");

        // with the record the fix names, only the PTR (often the provider's) is left
        Precheck.Result fixed = precheck(inventory, "- readdress-host: {host: lists, addresses: [192.0.2.21]}\n"
                + "- set-txt: {name: example.com, records: [\"v=spf1 ip4:192.0.2.20 ip4:192.0.2.21 -all\"]}\n");
        assertThat(rules(fixed.introduced())).containsExactly("reverse-dns-mismatch");
    }

    /** An SPF record that names the host by its A record follows a readdressing by itself. */
    @Test
    void anSpfRecordThatUsesTheHostsNameFollowsIt() throws Exception {
        Path estate = Files.createDirectories(dir.resolve("estate"));
        Path inventory = Scenario.load("spf-excludes-egress-address", "clean").materialize(estate);
        Path zone = estate.resolve("example.com.zone");
        Files.writeString(zone, Files.readString(zone).replace("\"v=spf1 ip4:192.0.2.20 -all\"",
                "\"v=spf1 a:lists.example.com -all\""));
        Precheck.Result moved = precheck(inventory, "- readdress-host: {host: lists, addresses: [192.0.2.21]}\n");
        assertThat(rules(moved.introduced())).containsExactly("reverse-dns-mismatch");
    }

    @Test
    void aReaddressingThatIsNotAnAddressOrHostIsRefusedWithTheField() throws Exception {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "- readdress-host: {host: lists, addresses: [192.0.2.300]}\n");
        assertThatThrownBy(() -> ChangeSetLoader.load(file)).hasMessageContaining("readdress-host.addresses")
                .hasMessageContaining("is not an IPv4 or IPv6 address");
        Files.writeString(file, "- readdress-host: {host: lists, addresses: []}\n");
        assertThatThrownBy(() -> ChangeSetLoader.load(file)).hasMessageContaining("readdress-host.addresses")
                .hasMessageContaining("at least one address");
        Path inventory = Scenario.load("spf-excludes-egress-address", "clean")
                .materialize(Files.createDirectories(dir.resolve("estate")));
        assertThatThrownBy(() -> precheck(inventory, "- readdress-host: {host: nosuch, addresses: [192.0.2.21]}\n"))
                .hasMessageContaining("readdress-host.host").hasMessageContaining("not a host of the inventory");
    }

    @Test
    void aRecordThatIsNotTextIsRefusedWithTheField() throws Exception {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "- set-txt: {name: example.com, records: [\"v=spf1 \\u0007 -all\"]}\n");
        assertThatThrownBy(() -> ChangeSetLoader.load(file)).hasMessageContaining("set-txt.records")
                .hasMessageContaining("position 8");
    }
}

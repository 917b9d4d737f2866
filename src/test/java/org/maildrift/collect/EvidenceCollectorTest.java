package org.maildrift.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.Inventory;
import org.maildrift.inventory.InventoryLoader;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Finding;
import org.maildrift.rules.catalog.RuleCatalog;
import org.maildrift.testsupport.BindServer;

class EvidenceCollectorTest {

    private static final String ZONE = """
            $ORIGIN example.com.
            $TTL 300
            @     IN SOA ns1 hostmaster 1 3600 600 86400 300
                  IN NS  ns1
                  IN MX  10 mx1
            ns1   IN A   192.0.2.53
            mx1   IN A   192.0.2.10
            shop  IN MX  10 mx1
            www   IN A   198.51.100.80
            _dmarc IN TXT "v=DMARC1; p=none"
            """;

    private static final ResolverDnsObserver.Settings FAST = new ResolverDnsObserver.Settings(Duration.ofSeconds(2), 2,
            64);

    @TempDir
    Path dir;

    private Inventory inventory(String dns, String watch) throws Exception {
        Files.writeString(dir.resolve("example.com.zone"), ZONE);
        Files.createDirectories(dir.resolve("mx1"));
        Files.writeString(dir.resolve("mx1/main.cf"), "compatibility_level = 3.6\nmyhostname = mx1.example.com\n"
                + "mydestination = $myhostname, $mydomain, localhost\n");
        Files.writeString(dir.resolve("inventory.yml"), "dns:\n" + dns + "hosts:\n  - id: mx1\n"
                + "    hostname: mx1.example.com\n    addresses: [192.0.2.10]\n    mta: postfix\n    config: mx1/main.cf\n"
                + "watch:\n" + watch);
        return InventoryLoader.load(dir.resolve("inventory.yml"));
    }

    private static CheckReport check(Inventory inventory) throws Exception {
        try (EvidenceCollector c = new EvidenceCollector(inventory, FAST)) {
            return RuleCatalog.engine().run(c.collect());
        }
    }

    @Test
    void watchesEveryNameOfAWatchedZoneThatRoutesToAnInventoryHost() throws Exception {
        Inventory inv = inventory("  zone-files: [example.com.zone]\n", "  zones: [example.com]\n");
        try (EvidenceCollector c = new EvidenceCollector(inv, FAST)) {
            Evidence e = c.collect().get(0);
            assertThat(e.watched()).extracting(Evidence.Watched::name)
                    .containsExactlyInAnyOrder("example.com", "mx1.example.com", "shop.example.com");
            assertThat(e.watched()).allMatch(w -> w.kind() == Evidence.WatchKind.DISCOVERED);
        }
        CheckReport report = check(inv);
        assertThat(report.findings()).extracting(Finding::rule, Finding::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("routed-name-not-accepted", "shop.example.com"));
    }

    @Test
    void enumeratesAWatchedZoneByTransferFromBind() throws Exception {
        try (BindServer bind = BindServer.start(Files.createDirectories(dir.resolve("bind")),
                Map.of("example.com", ZONE))) {
            Inventory inv = inventory("  views:\n    - name: inside\n      servers: [\"" + bind.address() + "\"]\n"
                    + "  transfers: [example.com]\n", "  zones: [example.com]\n");
            CheckReport report = check(inv);
            assertThat(report.findings()).extracting(Finding::rule, Finding::subject, Finding::views)
                    .contains(org.assertj.core.groups.Tuple.tuple("routed-name-not-accepted", "shop.example.com",
                            List.of("inside")));
        }
    }

    @Test
    void refusedTransferIsInconclusiveNotSilence() throws Exception {
        try (BindServer bind = BindServer.start(Files.createDirectories(dir.resolve("bind")),
                Map.of("example.com", ZONE), "", Map.of("example.com", "allow-transfer { none; };"))) {
            Inventory inv = inventory("  views:\n    - name: inside\n      servers: [\"" + bind.address() + "\"]\n"
                    + "  transfers: [example.com]\n", "  domains: [example.com]\n  zones: [example.com]\n");
            CheckReport report = check(inv);
            assertThat(report.inconclusive()).anyMatch(i -> i.type().equals("AXFR")
                    && i.outcome().equals("transfer-failed") && i.name().equals("example.com"));
            assertThat(report.findings()).noneMatch(f -> f.subject().equals("shop.example.com"));
        }
    }

    @Test
    void sameDriftInTwoViewsIsOneFindingNamingBoth() throws Exception {
        try (BindServer bind = BindServer.start(Files.createDirectories(dir.resolve("bind")),
                Map.of("example.com", ZONE))) {
            Inventory inv = inventory("  zone-files: [example.com.zone]\n  views:\n    - name: inside\n"
                    + "      servers: [\"" + bind.address() + "\"]\n", "  domains: [shop.example.com]\n");
            CheckReport report = check(inv);
            assertThat(report.findings()).filteredOn(f -> f.rule().equals("routed-name-not-accepted"))
                    .singleElement().extracting(Finding::views).isEqualTo(List.of("zone-files", "inside"));
        }
    }

    @Test
    void watchedZoneWithNoSourceIsRefused() throws Exception {
        Inventory inv = inventory("  zone-files: [example.com.zone]\n", "  zones: [example.org]\n");
        try (EvidenceCollector c = new EvidenceCollector(inv, FAST)) {
            assertThatThrownBy(c::collect).isInstanceOf(CollectionException.class)
                    .hasMessageContaining("watch.zones: example.org is neither read from dns.zone-files nor listed in "
                            + "dns.transfers");
        }
    }

    @Test
    void trustAnchorsThatAreNotDsOrDnskeyRecordsStopTheCheckNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("anchors.ds"), "example.com. IN A 192.0.2.1\n");
        Inventory inv = inventory("  views:\n    - name: inside\n      servers: [\"127.0.0.1:9\"]\n"
                + "  trust-anchors: anchors.ds\n", "  domains: [example.com]\n");
        try (EvidenceCollector c = new EvidenceCollector(inv, FAST)) {
            assertThatThrownBy(c::collect).isInstanceOf(CollectionException.class)
                    .hasMessageContaining("dns.trust-anchors").hasMessageContaining("anchors.ds")
                    .hasMessageContaining("holds no DS or DNSKEY record").hasMessageNotContaining("192.0.2.1");
        }
    }
}

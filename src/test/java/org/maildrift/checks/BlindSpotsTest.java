package org.maildrift.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.collect.EvidenceCollector;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.InventoryLoader;
import org.maildrift.testsupport.StubDnsServer;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** What a run could not see at all: a view whose every lookup failed, a host whose configuration is missing. */
class BlindSpotsTest {

    @TempDir
    Path dir;

    private static Message servfail(Message query) {
        Message m = new Message(query.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(Rcode.SERVFAIL);
        m.addRecord(query.getQuestion(), Section.QUESTION);
        return m;
    }

    @Test
    void namesTheViewWhoseEveryLookupFailedAndTheHostWhoseConfigNeverArrived() throws Exception {
        Files.writeString(dir.resolve("example.com.zone"), """
                $ORIGIN example.com.
                $TTL 300
                @    IN SOA ns1 hostmaster 1 3600 600 86400 300
                     IN NS ns1
                     IN MX 10 mx1
                ns1  IN A 192.0.2.53
                mx1  IN A 192.0.2.10
                mx2  IN A 192.0.2.11
                """);
        Files.createDirectories(dir.resolve("mx1"));
        Files.writeString(dir.resolve("mx1/main.cf"), "myhostname = mx1.example.com\nmydestination = $myhostname\n");
        try (StubDnsServer dead = new StubDnsServer((q, tcp) -> servfail(q))) {
            Files.writeString(dir.resolve("inventory.yml"), "dns:\n  zone-files: [example.com.zone]\n"
                    + "  views:\n    - name: outside\n      servers: [\"" + dead.address() + "\"]\n"
                    + "hosts:\n"
                    + "  - id: mx1\n    hostname: mx1.example.com\n    addresses: [192.0.2.10]\n    mta: postfix\n"
                    + "    config: mx1/main.cf\n"
                    + "  - id: mx2\n    hostname: mx2.example.com\n    addresses: [192.0.2.11]\n    mta: postfix\n"
                    + "    config: agent\n"
                    + "watch:\n  domains: [example.com]\n");
            var inventory = InventoryLoader.load(dir.resolve("inventory.yml"));
            try (EvidenceCollector c = new EvidenceCollector(inventory,
                    new ResolverDnsObserver.Settings(Duration.ofSeconds(1), 1, 16), host -> java.util.Optional.empty())) {
                List<BlindSpot> blind = CheckRunner.blindSpots(c.collect());
                assertThat(blind).extracting(BlindSpot::source).containsExactly("view:outside", "host:mx2");
                assertThat(blind.get(0).reason()).startsWith("every one of ").contains("servfail");
                assertThat(blind.get(1).reason()).contains("agent:mx2", "no configuration pushed");
            }
        }
    }
}

package org.maildrift.dns.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.dns.resolver.DnsView;
import org.maildrift.dns.zonefile.ZoneData;
import org.maildrift.dns.zonefile.ZoneFileDnsObserver;
import org.maildrift.testsupport.BindServer;

/** AXFR from a real BIND: open, TSIG-protected with the right and a wrong key. */
class ZoneTransferBindTest {

    @TempDir
    static Path dir;

    private static BindServer bind;

    static final String SECRET = "c2VjcmV0LWtleS1mb3ItbWFpbGRyaWZ0LXRlc3RzISE=";

    static final String ZONE = """
            $TTL 300
            @        IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300
                     IN NS  ns1
                     IN MX  10 mx1
            ns1      IN A   127.0.0.1
            mx1      IN A   192.0.2.25
            NEWSERVER01 IN A 192.0.2.20
            ML       IN CNAME NEWSERVER01
            forgotten-alias IN CNAME NEWSERVER01
            """;

    @BeforeAll
    static void startBind() throws Exception {
        bind = BindServer.start(dir, Map.of("example.com", ZONE, "example.org", ZONE.replace("example.com", "example.org")),
                "key \"xfr-key\" { algorithm hmac-sha256; secret \"" + SECRET + "\"; };",
                Map.of("example.org", "allow-transfer { key xfr-key; };"));
    }

    @AfterAll
    static void stopBind() {
        if (bind != null) {
            bind.close();
        }
    }

    @Test
    void enumeratesEveryNameIncludingAliasesNobodyListed() throws Exception {
        ZoneData zone = ZoneTransfer.fetch("example.com", DnsView.server(bind.address()), null, Duration.ofSeconds(5));
        assertThat(zone.apex()).isEqualTo("example.com.");
        assertThat(zone.owners()).contains("ml.example.com.", "forgotten-alias.example.com.", "newserver01.example.com.");
        ZoneFileDnsObserver dns = new ZoneFileDnsObserver(List.of(zone), "axfr");
        assertThat(dns.lookup("forgotten-alias.example.com", RecordType.A).records()).containsExactly("192.0.2.20");
        assertThat(dns.lookup("gone.example.com", RecordType.A).outcome()).isEqualTo(Outcome.NXDOMAIN);
    }

    @Test
    void signsTheTransferWithTsig() throws Exception {
        ZoneTransfer.Key key = new ZoneTransfer.Key("xfr-key", "hmac-sha256", SECRET);
        ZoneData zone = ZoneTransfer.fetch("example.org", DnsView.server(bind.address()), key, Duration.ofSeconds(5));
        assertThat(zone.owners()).contains("ml.example.org.");
        assertThatThrownBy(() -> ZoneTransfer.fetch("example.org", DnsView.server(bind.address()), null,
                Duration.ofSeconds(5))).isInstanceOf(ZoneTransfer.TransferFailedException.class);
        ZoneTransfer.Key wrong = new ZoneTransfer.Key("xfr-key", "hmac-sha256",
                "d3Jvbmcta2V5LWZvci1tYWlsZHJpZnQtdGVzdHMhISE=");
        assertThatThrownBy(() -> ZoneTransfer.fetch("example.org", DnsView.server(bind.address()), wrong,
                Duration.ofSeconds(5))).isInstanceOf(ZoneTransfer.TransferFailedException.class);
    }
}

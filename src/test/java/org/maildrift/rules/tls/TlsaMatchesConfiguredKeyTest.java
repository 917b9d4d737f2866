package org.maildrift.rules.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class TlsaMatchesConfiguredKeyTest {

    private static final String RULE = "tlsa-matches-no-configured-key";

    @TempDir
    Path tmp;

    @Test
    void reportsTheRenewedKeyWithTheRecordToPublish() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.host()).isEqualTo("mx1");
        assertThat(f.subject()).isEqualTo("_25._tcp.mx1.example.com /etc/ssl/certs/mx1.pem");
        assertThat(f.message()).contains("matches the ECDSA 256 key host mx1 presents");
        assertThat(f.remedy().words()).contains("publish _25._tcp.mx1.example.com. IN TLSA 3 1 1 "
                + "e0c05ff624236a523646952b0c0273eb6ff9115c53eb91f3cf1cb4120a9e893f");
    }

    @Test
    void staysSilentForACurrentAndNextRolloverSet() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

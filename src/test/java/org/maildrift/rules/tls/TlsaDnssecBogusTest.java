package org.maildrift.rules.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class TlsaDnssecBogusTest {

    private static final String RULE = "tlsa-dnssec-bogus";

    @TempDir
    Path tmp;

    @Test
    void reportsExpiredSignatures() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).subject()).isEqualTo("_25._tcp.mx1.example.com");
        assertThat(found.get(0).views()).containsExactly("bind");
    }

    @Test
    void staysSilentWithCurrentSignatures() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

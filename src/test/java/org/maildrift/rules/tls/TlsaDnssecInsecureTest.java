package org.maildrift.rules.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class TlsaDnssecInsecureTest {

    private static final String RULE = "tlsa-dnssec-insecure";

    @TempDir
    Path tmp;

    @Test
    void reportsTlsaInAnUnsignedZone() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).message()).contains("DANE senders ignore them");
    }

    @Test
    void staysSilentWhenNoTlsaIsPublished() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

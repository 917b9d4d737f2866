package org.maildrift.rules.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class TlsaIsUsableTest {

    private static final String RULE = "tlsa-unusable";

    @TempDir
    Path tmp;

    @Test
    void reportsAPkixEeRecord() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).subject()).startsWith("_25._tcp.mx1.example.com 1 1 1 ");
        assertThat(found.get(0).message()).contains("PKIX-EE").doesNotContain("no record there is usable");
    }

    @Test
    void staysSilentForADaneEeRecord() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

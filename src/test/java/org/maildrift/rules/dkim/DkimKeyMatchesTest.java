package org.maildrift.rules.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;
import org.maildrift.rules.Severity;

class DkimKeyMatchesTest {

    private static final String RULE = "dkim-key-mismatch";

    @TempDir
    Path tmp;

    @Test
    void reportsAKeyRotatedOnTheSignerOnly() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).host()).isEqualTo("lists");
        assertThat(found.get(0).subject()).isEqualTo("sel2026._domainkey.example.com");
        assertThat(found.get(0).fix()).startsWith("publish sel2026._domainkey.example.com. IN TXT \"v=DKIM1; k=rsa; p=MIIB");
    }

    @Test
    void staysSilentWhenDnsHasTheSignersKey() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

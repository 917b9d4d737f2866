package org.maildrift.rules.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;
import org.maildrift.rules.Severity;

class DkimKeyIsStrongTest {

    private static final String RULE = "dkim-key-weak";

    @TempDir
    Path tmp;

    @Test
    void reportsA1024BitKeyAsANotice() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).severity()).isEqualTo(Severity.NOTICE);
        assertThat(found.get(0).message()).contains("RSA key of 1024 bits");
    }

    @Test
    void staysSilentForA2048BitKey() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

package org.maildrift.rules.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;
import org.maildrift.rules.Severity;

class DkimTestingModeTest {

    private static final String RULE = "dkim-testing-mode";

    @TempDir
    Path tmp;

    @Test
    void reportsTEqualsY() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).message()).contains("testing mode (t=y)");
    }

    @Test
    void staysSilentWithoutTEqualsY() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

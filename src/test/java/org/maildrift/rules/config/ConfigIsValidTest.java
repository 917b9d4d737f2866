package org.maildrift.rules.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class ConfigIsValidTest {

    private static final String RULE = "config-invalid";

    @TempDir
    Path tmp;

    @Test
    void reportsUnterminatedMacroOnce() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.host()).isEqualTo("mx1");
        assertThat(f.subject()).isEqualTo("mx1/main.cf:3");
        assertThat(f.message()).contains("truncated macro reference");
        assertThat(f.location().line()).isEqualTo(3);
    }

    @Test
    void staysSilentWhenMacroIsClosed() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

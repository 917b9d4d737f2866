package org.maildrift.rules.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;
import org.maildrift.rules.Severity;

class MtaStsRecordIsSoundTest {

    private static final String RULE = "mta-sts-record-malformed";

    @TempDir
    Path tmp;

    @Test
    void reportsARecordWithoutId() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).subject()).isEqualTo("_mta-sts.example.com");
        assertThat(found.get(0).message()).contains("has no id");
    }

    @Test
    void staysSilentForOneRecordAndAPolicyThatParses() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

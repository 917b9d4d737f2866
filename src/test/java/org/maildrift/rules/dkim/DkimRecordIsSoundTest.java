package org.maildrift.rules.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;
import org.maildrift.rules.Severity;

class DkimRecordIsSoundTest {

    private static final String RULE = "dkim-record-malformed";

    @TempDir
    Path tmp;

    @Test
    void reportsTwoRecordsAtOneSelector() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).message()).contains("2 DKIM records at one selector");
    }

    @Test
    void staysSilentForOneRecord() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

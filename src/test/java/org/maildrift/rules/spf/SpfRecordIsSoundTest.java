package org.maildrift.rules.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class SpfRecordIsSoundTest {

    private static final String RULE = "spf-record-broken";

    @TempDir
    Path tmp;

    @Test
    void reportsTwoSpfRecords() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).message()).contains("example.com has 2 v=spf1 records");
        assertThat(found.get(0).fix()).contains("merge the records");
    }

    @Test
    void staysSilentOnOneMergedRecord() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

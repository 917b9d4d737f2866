package org.maildrift.rules.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class AcceptedNameExistsTest {

    private static final String RULE = "accepted-name-stale";

    @TempDir
    Path tmp;

    @Test
    void reportsRemovedNameStillInMydestination() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.host()).isEqualTo("mx1");
        assertThat(f.subject()).isEqualTo("oldmx.example.com");
        assertThat(f.location().line()).isEqualTo(3);
        assertThat(f.evidence()).contains("oldmx.example.com: NXDOMAIN (from example.com.zone, view zone-files)");
    }

    @Test
    void staysSilentWhenEveryAcceptedNameExists() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

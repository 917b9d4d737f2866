package org.maildrift.rules.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class NameRoutesIntoInventoryTest {

    private static final String RULE = "name-routes-outside-inventory";

    @TempDir
    Path tmp;

    @Test
    void reportsBackupMxAtAnAddressNoHostOwns() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.host()).isNull();
        assertThat(f.subject()).isEqualTo("example.com");
        assertThat(f.message()).contains("198.51.100.7");
        assertThat(f.evidence()).contains("backup.example.com A 198.51.100.7 (no inventory host)");
    }

    @Test
    void staysSilentWhenEveryMxIsAnInventoryHost() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

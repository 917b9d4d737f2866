package org.maildrift.rules.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;
import org.maildrift.rules.Severity;

class MtaStsPolicyCoversMxTest {

    private static final String RULE = "mta-sts-policy-excludes-mx";

    @TempDir
    Path tmp;

    @Test
    void reportsTheNewMxTheEnforcedPolicyLacks() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).subject()).isEqualTo("example.com mx2.example.com");
        assertThat(found.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(found.get(0).remedy().words()).contains("add \"mx: mx2.example.com\"", "change the id");
    }

    @Test
    void staysSilentWhenAWildcardCoversEveryMx() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

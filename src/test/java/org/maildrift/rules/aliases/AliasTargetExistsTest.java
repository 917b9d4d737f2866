package org.maildrift.rules.aliases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class AliasTargetExistsTest {

    private static final String RULE = "alias-target-missing";

    @TempDir
    Path tmp;

    @Test
    void reportsDanglingCname() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.subject()).isEqualTo("lists.example.com");
        assertThat(f.evidence()).containsExactly("lists.example.com CNAME oldlists.example.com",
                "oldlists.example.com: NXDOMAIN (from example.com.zone)");
        assertThat(f.fix()).startsWith("create oldlists.example.com");
    }

    @Test
    void staysSilentWhenAliasTargetExists() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

package org.maildrift.rules.aliases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class MxTargetIsNotAliasTest {

    private static final String RULE = "mx-target-is-alias";

    @TempDir
    Path tmp;

    @Test
    void reportsMxPointingAtCname() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.subject()).isEqualTo("mail.example.com");
        assertThat(f.evidence()).containsExactly("example.com MX 10 mail.example.com",
                "mail.example.com CNAME mx1.example.com");
        assertThat(f.fix()).isEqualTo("change the MX of example.com to 10 mx1.example.com");
    }

    @Test
    void staysSilentWhenMxNamesTheHost() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

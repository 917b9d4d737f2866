package org.maildrift.rules.aliases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class AliasChainIsSoundTest {

    private static final String RULE = "alias-chain-broken";

    @TempDir
    Path tmp;

    @Test
    void reportsCnameLoop() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.subject()).isEqualTo("lists.example.com");
        assertThat(f.message()).contains("loops");
        assertThat(f.evidence()).contains("b.example.com CNAME a.example.com");
    }

    @Test
    void staysSilentForTwoLinkChain() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

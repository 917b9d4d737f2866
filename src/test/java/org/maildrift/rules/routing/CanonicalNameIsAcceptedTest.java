package org.maildrift.rules.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class CanonicalNameIsAcceptedTest {

    private static final String RULE = "canonical-name-not-accepted";

    @TempDir
    Path tmp;

    @Test
    void reportsCanonicalNameMissingFromMydestination() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.host()).isEqualTo("ml");
        assertThat(f.subject()).isEqualTo("newlists.example.com");
        assertThat(f.evidence()).contains("lists.example.com CNAME newlists.example.com",
                "newlists.example.com A 192.0.2.20 = host ml (no MX: implicit MX)");
        assertThat(f.fix()).isEqualTo("add newlists.example.com to mydestination in ml/main.cf line 3");
        assertThat(f.location().file()).isEqualTo("ml/main.cf");
        assertThat(f.location().line()).isEqualTo(3);
    }

    @Test
    void staysSilentWhenCanonicalNameIsAccepted() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

package org.maildrift.rules.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class ReverseDnsMatchesTest {

    private static final String RULE = "reverse-dns-mismatch";

    @TempDir
    Path tmp;

    @Test
    void reportsPtrNamingAnotherHost() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.host()).isEqualTo("mx1");
        assertThat(f.subject()).isEqualTo("192.0.2.10");
        assertThat(f.message()).contains("names oldmx.example.com, not mx1.example.com");
    }

    @Test
    void staysSilentWhenPtrIsForwardConfirmed() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

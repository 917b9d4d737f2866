package org.maildrift.rules.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class HostnameIsForwardConfirmedTest {

    private static final String RULE = "hostname-not-forward-confirmed";

    @TempDir
    Path tmp;

    @Test
    void reportsMyhostnameWithoutAddress() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.host()).isEqualTo("mx1");
        assertThat(f.subject()).isEqualTo("mail.example.com");
        assertThat(f.evidence()).contains("mail.example.com A: nxdomain", "host mx1 has 192.0.2.10");
    }

    @Test
    void staysSilentWhenMyhostnameResolvesToHost() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

package org.maildrift.rules.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class RoutedNameIsAcceptedTest {

    private static final String RULE = "routed-name-not-accepted";

    @TempDir
    Path tmp;

    @Test
    void reportsDomainMissingFromEveryAddressClass() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.host()).isEqualTo("mx1");
        assertThat(f.subject()).isEqualTo("example.com");
        assertThat(f.evidence()).contains("example.com MX 10 mx1.example.com", "mx1.example.com A 192.0.2.10 = host mx1");
        assertThat(f.fix()).startsWith("add example.com to mydestination in mx1/main.cf line 3");
    }

    @Test
    void staysSilentWhenMydomainIsInMydestination() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

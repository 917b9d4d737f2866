package org.maildrift.rules.aliases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class MxTargetHasAddressTest {

    private static final String RULE = "mx-target-without-address";

    @TempDir
    Path tmp;

    @Test
    void reportsMxExchangeThatDoesNotExist() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.subject()).isEqualTo("mx2.example.com");
        assertThat(f.evidence()).contains("example.com MX 20 mx2.example.com",
                "mx2.example.com A: nxdomain (from example.com.zone)");
    }

    @Test
    void staysSilentWhenEveryExchangeHasAnAddress() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

package org.maildrift.rules.aliases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class WatchedNameExistsTest {

    private static final String RULE = "watched-name-missing";

    @TempDir
    Path tmp;

    @Test
    void reportsWatchedNameThatDoesNotExist() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.host()).isNull();
        assertThat(f.subject()).isEqualTo("lists.example.com");
        assertThat(f.evidence()).containsExactly("lists.example.com: NXDOMAIN (from example.com.zone)");
        assertThat(f.fix()).startsWith("create lists.example.com in DNS");
    }

    @Test
    void staysSilentWhenTheWatchedNameExists() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

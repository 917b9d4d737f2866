package org.maildrift.rules.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class AcceptedNameRoutesHereTest {

    private static final String RULE = "accepted-name-routes-elsewhere";

    @TempDir
    Path tmp;

    @Test
    void reportsLocalDomainWhoseMxIsAnotherHost() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.host()).isEqualTo("app");
        assertThat(f.subject()).isEqualTo("shop.example.com");
        assertThat(f.message()).contains("routes shop.example.com to host mx1");
        assertThat(f.location().file()).isEqualTo("app/main.cf");
        assertThat(f.location().line()).isEqualTo(3);
    }

    @Test
    void staysSilentWhenHostDeliversOnlyItsOwnNames() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }
}

package org.maildrift.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.testsupport.BindServer;
import org.maildrift.testsupport.Peers;

/**
 * Every scenario under src/test/resources/scenarios, checked twice: with DNS from its zone files and
 * with DNS from BIND serving the same zones (signed with dnssec-signzone where they hold TLSA, or as the
 * scenario's {@code dnssec:} line says). Each must report the rule IDs it lists under "must" and none of
 * those under "must-not"; a DNSSEC scenario's "must" holds for the live run only.
 */
class ScenarioTest {

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> everyScenarioHoldsWithZoneFiles() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario s : Scenario.all()) {
            tests.add(dynamicTest(s.toString(), () -> {
                CheckReport report = s.checkWithZoneFiles(Files.createTempDirectory(tmp, s.rule() + "-" + s.kind()));
                if (s.liveOnly()) {
                    // zone files are not validated: a DNSSEC scenario's own finding cannot show, the others must not
                    assertThat(report.ruleIds()).as("%s with zone files: %s", s, report.findings())
                            .doesNotContainAnyElementsOf(s.mustNot());
                } else {
                    expect(s, report);
                }
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyScenarioHoldsWithLiveDnsFromBind() throws Exception {
        return Peers.guard(() -> {
            BindServer.named();
            List<DynamicTest> tests = new ArrayList<>();
            for (Scenario s : Scenario.all()) {
                tests.add(dynamicTest(s.toString(), () -> expect(s, s.checkWithBind(
                        Files.createTempDirectory(tmp, s.rule() + "-" + s.kind())))));
            }
            return tests;
        });
    }

    /** Rules that read configuration only; every other rule needs DNS and must stay silent when DNS fails. */
    private static final java.util.Set<String> CONFIG_ONLY = java.util.Set.of("config-invalid",
            "config-reference-unresolved", "domain-in-several-classes", "pattern-never-matches", "dkim-key-weak",
            "postmaster-reaches-nobody");

    @TestFactory
    List<DynamicTest> noDnsFindingWhenEveryLookupFails() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario s : Scenario.all()) {
            tests.add(dynamicTest(s.toString(), () -> {
                CheckReport report = s.checkWithFailingDns(Files.createTempDirectory(tmp, s.rule() + "-down"));
                assertThat(report.ruleIds()).as("%s with every lookup failing: %s", s, report.findings())
                        .allMatch(CONFIG_ONLY::contains);
                assertThat(report.inconclusive()).as("%s: the failed lookups are reported as inconclusive", s)
                        .isNotEmpty().allMatch(i -> i.type().equals("accepts") || i.outcome().equals("servfail"));
            }));
        }
        return tests;
    }

    static void expect(Scenario s, CheckReport report) {
        assertThat(report.ruleIds()).as("%s: %s%nfindings: %s", s, s.title(), report.findings())
                .containsAll(s.must()).doesNotContainAnyElementsOf(s.mustNot());
        if (s.kind().equals("clean")) {
            assertThat(report.findings()).as("%s: a clean estate has no finding at all", s).isEmpty();
            assertThat(report.inconclusive()).as("%s: and every conclusion was reached", s).isEmpty();
        }
    }
}

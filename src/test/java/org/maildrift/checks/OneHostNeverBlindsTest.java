package org.maildrift.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The service with the demo estate, after the list server's main.cf has gone missing (issue 12, part 5):
 * the run completes, the other hosts are checked, the list server's open finding stays open and is marked
 * unknown, and what the run could not see names that host.
 */
@SpringBootTest(properties = "maildrift.checks.interval=1h")
@RecordApplicationEvents
class OneHostNeverBlindsTest {

    static final Path ESTATE = org.maildrift.testsupport.DemoEstate.copy("one-host-never-blinds");

    @DynamicPropertySource
    static void inventory(DynamicPropertyRegistry r) {
        r.add("maildrift.checks.inventory", () -> ESTATE.resolve("inventory.yml").toString());
    }

    @Autowired
    CheckRunner runner;

    @Autowired
    FindingQueries queries;

    @Autowired
    ApplicationEvents events;

    @Test
    void aHostWhoseConfigVanishedLeavesItsFindingsUnknownAndTheOthersChecked() throws Exception {
        runner.runNow("test").orElseThrow();
        runner.runNow("test").orElseThrow();
        LedgerEntry canonical = open("mlserver", "canonical-name-not-accepted");
        assertThat(canonical.state()).isEqualTo(FindingState.OPEN);

        Files.delete(ESTATE.resolve("mlserver/main.cf"));
        RunSummary run = runner.runNow("test").orElseThrow();
        assertThat(run.status()).isEqualTo("COMPLETED");
        LedgerEntry after = queries.findings(List.of(canonical.id())).get(0);
        assertThat(after.state()).isEqualTo(FindingState.OPEN);
        assertThat(after.unknownSince()).isNotNull();
        // the host that could not be read is named in what the run could not see, and only it
        RunRecorded recorded = events.stream(RunRecorded.class).reduce((a, b) -> b).orElseThrow();
        assertThat(recorded.blind()).extracting(BlindSpot::source).containsExactly("host:mlserver");
        assertThat(recorded.blind().get(0).reason()).contains("mlserver/main.cf", "no such file");
        // the other hosts were checked: the sendmail host's config was read and mailhub answers too
        assertThat(runner.estate().orElseThrow().toString()).contains("mailhub");
        assertThat(queries.findings(new FindingQueries.Filter(java.util.EnumSet.of(FindingState.PENDING), null, "config-invalid", "mlserver"),
                PageRequest.of(0, 10)).getContent()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no such file"));
    }

    private LedgerEntry open(String host, String rule) {
        return queries.findings(new FindingQueries.Filter(java.util.EnumSet.of(FindingState.OPEN), null, rule, host), PageRequest.of(0, 10))
                .getContent().get(0);
    }
}

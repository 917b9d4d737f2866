package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Scenario;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * An estate with its forward zones only (reverse DNS is the ISP's): without an accepted deviation every check
 * exits 3; with "no reverse DNS here" accepted it exits 0 and says what it suppressed, in text, JSON and SARIF.
 */
class AcceptedDeviationsCheckTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private Path estate() throws Exception {
        Path inventory = Scenario.load("spf-excludes-egress-address", "clean").materialize(dir);
        Files.writeString(inventory, Files.readString(inventory).replace(", 2.0.192.in-addr.arpa.zone", ""));
        return inventory;
    }

    private static final String ACCEPTED = """
            # reverse DNS belongs to the ISP here
            accepted:
              - rule: reverse-dns-mismatch
                subject: "*.in-addr.arpa"
                reason: reverse DNS belongs to the ISP
                owner: hostmaster@example.com
                expires: 2099-06-30
            """;

    @Test
    void aZoneFilesOnlyEstateWithReverseDnsAcceptedExitsZeroAndListsWhatItSuppressed() throws Exception {
        Path inventory = estate();
        assertThat(CliRun.of("check", "--inventory", inventory.toString()).exit()).isEqualTo(CheckCommand.INCONCLUSIVE);
        Files.writeString(dir.resolve("maildrift-accepted.yml"), ACCEPTED);

        CliRun text = CliRun.of("check", "--inventory", inventory.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("accepted (1): suppressed by accepted deviations",
                "inconclusive 20.2.0.192.in-addr.arpa PTR: not-covered", "by maildrift-accepted.yml:3: reverse DNS belongs"
                        + " to the ISP (hostmaster@example.com, until 2099-06-30)", "0 inconclusive");

        CliRun json = CliRun.of("check", "--inventory", inventory.toString(), "--format", "json");
        assertThat(json.exit()).isZero();
        JsonNode root = JSON.readTree(json.out());
        assertThat(root.get("inconclusive")).isEmpty();
        JsonNode s = root.get("suppressed").get(0);
        assertThat(s.get("inconclusive").get("name").asString()).isEqualTo("20.2.0.192.in-addr.arpa");
        assertThat(s.get("acceptedBy").get("entry").asString()).isEqualTo("maildrift-accepted.yml:3");
        assertThat(s.get("acceptedBy").get("owner").asString()).isEqualTo("hostmaster@example.com");

        assertThat(root.has("unmatched")).as("every entry matched something").isFalse();

        // an entry that matches nothing in this run is listed apart, and fails nothing
        Files.writeString(dir.resolve("maildrift-accepted.yml"), ACCEPTED + """
                  - {rule: dkim-testing-mode, host: lists, reason: rolling out, owner: dkim@example.com, expires: 2099-01-31}
                """);
        CliRun idle = CliRun.of("check", "--inventory", inventory.toString());
        assertThat(idle.exit()).isZero();
        assertThat(idle.out()).contains("accepted, matching nothing (1): entries in force that matched nothing in this"
                + " run", "  maildrift-accepted.yml:8: dkim-testing-mode on lists (dkim@example.com, until 2099-01-31)");
        JsonNode unmatched = JSON.readTree(CliRun.of("check", "--inventory", inventory.toString(), "--format", "json")
                .out()).get("unmatched");
        assertThat(unmatched).hasSize(1);
        assertThat(unmatched.get(0).get("entry").asString()).isEqualTo("maildrift-accepted.yml:8");
        assertThat(unmatched.get(0).get("accepts").asString()).isEqualTo("dkim-testing-mode on lists");

        // --no-suppressions shows everything again
        assertThat(CliRun.of("check", "--inventory", inventory.toString(), "--no-suppressions").exit())
                .isEqualTo(CheckCommand.INCONCLUSIVE);
    }

    /** A suppressed finding is a SARIF result with an external suppression: code-scanning shows it dismissed. */
    @Test
    void sarifShowsASuppressedFindingAsDismissed() throws Exception {
        Path inventory = Scenario.load("spf-excludes-egress-address", "drifting").materialize(dir);
        Files.writeString(dir.resolve("maildrift-accepted.yml"), """
                accepted:
                  - rule: spf-excludes-egress-address
                    host: lists
                    subject: example.com
                    reason: the new address is announced next week
                    owner: hostmaster@example.com
                    expires: 2099-01-31
                """);
        CliRun sarif = CliRun.of("check", "--inventory", inventory.toString(), "--format", "sarif");
        assertThat(sarif.exit()).as(sarif.err()).isZero();
        JsonNode result = JSON.readTree(sarif.out()).get("runs").get(0).get("results").get(0);
        assertThat(result.get("ruleId").asString()).isEqualTo("spf-excludes-egress-address");
        assertThat(result.get("suppressions").get(0).get("kind").asString()).isEqualTo("external");
        assertThat(result.get("suppressions").get(0).get("justification").asString())
                .isEqualTo("the new address is announced next week (maildrift-accepted.yml:2, hostmaster@example.com,"
                        + " until 2099-01-31)");
        assertThat(CliRun.of("check", "--inventory", inventory.toString(), "--no-suppressions").exit())
                .isEqualTo(CheckCommand.FOUND);
    }

    @Test
    void anExpiredEntryFailsTheRunWithItsOwnFinding() throws Exception {
        Path inventory = estate();
        Files.writeString(dir.resolve("maildrift-accepted.yml"), ACCEPTED.replace("2099-06-30", "2020-06-30"));
        CliRun run = CliRun.of("check", "--inventory", inventory.toString());
        assertThat(run.exit()).isEqualTo(CheckCommand.FOUND);
        assertThat(run.out()).contains("WARNING  suppression-expired  maildrift-accepted.yml:3",
                "fix: renew expires at maildrift-accepted.yml line 3", "1 inconclusive");
    }

    @Test
    void aBrokenFileIsAUsageErrorNamingItsLine() throws Exception {
        Path inventory = estate();
        Path bad = Files.writeString(dir.resolve("other.yml"), "accepted:\n  - {rule: reverse-dns-mismatch}\n");
        CliRun run = CliRun.of("check", "--inventory", inventory.toString(), "--accepted", bad.toString());
        assertThat(run.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(run.err()).contains("other.yml:2: accepted[2].reason: missing");
        assertThat(CliRun.of("check", "--inventory", inventory.toString(), "--accepted",
                dir.resolve("nosuch.yml").toString()).err()).contains("nosuch.yml: cannot read");
    }

    /** A precheck does not fail on what the estate has accepted, and lists it. */
    @Test
    void aPrecheckIgnoresAcceptedFindingsItWouldIntroduce() throws Exception {
        Path inventory = Scenario.load("spf-excludes-egress-address", "clean").materialize(dir);
        Path change = Files.writeString(dir.resolve("change.yml"),
                "- set-txt: {name: example.com, records: [\"v=spf1 ip4:198.51.100.7 -all\"]}\n");
        assertThat(CliRun.of("precheck", "--inventory", inventory.toString(), "--change", change.toString()).exit())
                .isEqualTo(CheckCommand.FOUND);
        Files.writeString(dir.resolve("maildrift-accepted.yml"), """
                accepted:
                  - {rule: spf-excludes-egress-address, subject: example.com, reason: moving to the provider,
                     owner: hostmaster@example.com, expires: 2099-01-31}
                """);
        CliRun run = CliRun.of("precheck", "--inventory", inventory.toString(), "--change", change.toString(),
                "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("introduced")).isEmpty();
        assertThat(root.get("suppressed").get(0).get("finding").get("rule").asString())
                .isEqualTo("spf-excludes-egress-address");
    }
}

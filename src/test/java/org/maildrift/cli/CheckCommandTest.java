package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.catalog.RuleCatalog;
import org.maildrift.testsupport.StubDnsServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CheckCommandTest {

    private static final Path DEMO = Path.of("config-samples/demo");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    @Test
    void reportsTheRenamedListServerInTheDemoEstate() {
        CliRun run = CliRun.of("check", "--inventory", DEMO.resolve("inventory.yml").toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(CheckCommand.FOUND);
        assertThat(run.out())
                .contains("host mlserver (postfix, newserver01.example.com)")
                .contains("  CRITICAL canonical-name-not-accepted  newserver01.example.com\n")
                .contains("      ml.example.com CNAME newserver01.example.com\n")
                .contains("      newserver01.example.com A 192.0.2.20 = host mlserver (no MX: implicit MX)\n")
                .contains("matched by ML.example.com (mydestination (mlserver/main.cf:4))")
                .contains("inventory hosts that rewrite ml.example.com to its canonical name when sending: apps (sendmail)")
                .contains("    fix: add newserver01.example.com to mydestination in mlserver/main.cf line 4\n")
                .contains("summary: 1 critical, 2 warning, 1 notice, 0 info, 0 inconclusive")
                .doesNotContain("\u001b[");
    }

    @Test
    void writesTheDocumentedJson() throws Exception {
        CliRun run = CliRun.of("check", "--inventory", DEMO.resolve("inventory.yml").toString(), "--format", "json");
        assertThat(run.exit()).isEqualTo(CheckCommand.FOUND);
        JsonNode root = JSON.readTree(run.out());
        List<String> keys = new ArrayList<>(root.propertyNames());
        assertThat(keys).containsExactly("findings", "inconclusive", "summary");
        JsonNode first = root.get("findings").get(0);
        assertThat(new ArrayList<>(first.propertyNames())).startsWith("rule", "severity", "host", "subject", "message",
                "evidence", "fix");
        assertThat(first.get("rule").asString()).isEqualTo("canonical-name-not-accepted");
        assertThat(first.get("severity").asString()).isEqualTo("critical");
        assertThat(first.get("host").asString()).isEqualTo("mlserver");
        assertThat(first.get("subject").asString()).isEqualTo("newserver01.example.com");
        assertThat(first.get("evidence").get(0).asString()).isEqualTo("ml.example.com CNAME newserver01.example.com");
        assertThat(first.get("location").get("line").asInt()).isEqualTo(4);
        assertThat(root.get("summary").get("critical").asInt()).isEqualTo(1);
        assertThat(root.get("summary").get("warning").asInt()).isEqualTo(2);
        assertThat(root.get("summary").get("inconclusive").asInt()).isZero();
        List<String> severities = new ArrayList<>();
        root.get("findings").forEach(f -> severities.add(f.get("severity").asString()));
        assertThat(severities).containsExactly("critical", "warning", "warning", "notice");
    }

    @Test
    void writesSarif210WithLocationsInTheConfigFiles() throws Exception {
        CliRun run = CliRun.of("check", "--inventory", DEMO.resolve("inventory.yml").toString(), "--format", "sarif");
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("version").asString()).isEqualTo("2.1.0");
        JsonNode sarifRun = root.get("runs").get(0);
        assertThat(sarifRun.get("tool").get("driver").get("name").asString()).isEqualTo("maildrift");
        assertThat(sarifRun.get("tool").get("driver").get("rules")).hasSize(RuleCatalog.rules().size());
        JsonNode result = sarifRun.get("results").get(0);
        assertThat(result.get("ruleId").asString()).isEqualTo("canonical-name-not-accepted");
        assertThat(result.get("level").asString()).isEqualTo("error");
        int index = result.get("ruleIndex").asInt();
        assertThat(sarifRun.get("tool").get("driver").get("rules").get(index).get("id").asString())
                .isEqualTo("canonical-name-not-accepted");
        JsonNode location = result.get("locations").get(0).get("physicalLocation");
        assertThat(location.get("artifactLocation").get("uri").asString())
                .isEqualTo("config-samples/demo/mlserver/main.cf");
        assertThat(location.get("region").get("startLine").asInt()).isEqualTo(4);
        assertThat(result.get("message").get("text").asString()).contains("Fix: add newserver01.example.com");
        assertThat(sarifRun.get("results").get(1).get("level").asString()).isEqualTo("warning");
    }

    @Test
    void failOnDecidesWhichSeveritiesFailTheRun() {
        String inventory = DEMO.resolve("inventory.yml").toString();
        assertThat(CliRun.of("check", "--inventory", inventory, "--fail-on", "critical").exit()).isEqualTo(1);
        Path warningsOnly = copyDemo("warnings-only");
        // accept the canonical name: what is left are the two warnings about the old name
        replace(warningsOnly.resolve("mlserver/main.cf"), "ML.example.com", "ML.example.com, NEWSERVER01.example.com");
        String inv = warningsOnly.resolve("inventory.yml").toString();
        assertThat(CliRun.of("check", "--inventory", inv, "--fail-on", "critical").exit()).isZero();
        assertThat(CliRun.of("check", "--inventory", inv).exit()).isEqualTo(1);
        assertThat(CliRun.of("check", "--inventory", inv, "--fail-on", "notice").exit()).isEqualTo(1);
    }

    @Test
    void brokenMainCfOnOneHostIsReportedWhileTheOthersAreStillChecked() throws Exception {
        Path demo = copyDemo("broken");
        Files.writeString(demo.resolve("mailhub/main.cf"), "myhostname = mailhub.example.com\n"
                + "mydestination = $myhostname, ${mydomain\n");
        CliRun run = CliRun.of("check", "--inventory", demo.resolve("inventory.yml").toString(), "--format", "json");
        assertThat(run.exit()).isEqualTo(1);
        JsonNode root = JSON.readTree(run.out());
        List<String> found = new ArrayList<>();
        root.get("findings").forEach(f -> found.add(f.get("rule").asString() + " " + f.get("host").asString()));
        assertThat(found).contains("config-invalid mailhub", "canonical-name-not-accepted mlserver")
                .noneMatch(f -> f.startsWith("routed-name-not-accepted"));
        List<String> open = new ArrayList<>();
        root.get("inconclusive").forEach(i -> open.add(i.get("name").asString() + " " + i.get("outcome").asString()));
        assertThat(open).contains("example.com config-invalid");
    }

    @Test
    void resolverThatDoesNotAnswerGivesExit3AndNoDriftFinding() throws Exception {
        Path demo = copyDemo("down");
        try (StubDnsServer silent = new StubDnsServer((query, tcp) -> null)) {
            String inventory = Files.readString(demo.resolve("inventory.yml")).replace(
                    "  zone-files:\n    - zones/example.com.zone\n    - zones/2.0.192.in-addr.arpa.zone\n",
                    "  views:\n    - name: internal\n      servers: [\"" + silent.address() + "\"]\n");
            Files.writeString(demo.resolve("inventory.yml"), inventory);
            CliRun run = CliRun.of("check", "--inventory", demo.resolve("inventory.yml").toString(), "--timeout",
                    "200");
            assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(CheckCommand.INCONCLUSIVE);
            assertThat(run.out()).contains("no drift found").contains("inconclusive (")
                    .contains("ml.example.com MX: timeout from " + silent.address() + " (view internal)");
            assertThat(run.err()).contains("could not be reached").contains("(exit 3)");
        }
    }

    @Test
    void badInventoryIsAUsageErrorNamingFileLineAndKey() throws Exception {
        Path inv = tmp.resolve("inventory.yml");
        Files.writeString(inv, "dns:\n  zone-files: [missing.zone]\nhosts: []\nwatch:\n  names: [a.example.com]\n");
        CliRun run = CliRun.of("check", "--inventory", inv.toString());
        assertThat(run.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(run.err()).contains(inv + ":3: hosts: list at least one mail host");
    }

    /** A zone file that does not parse makes its own names unknown, named with file and line; the rest is checked. */
    @Test
    void zoneFileThatDoesNotParseMakesItsNamesInconclusiveNamingFileAndLine() throws IOException {
        Path demo = copyDemo("badzone");
        Files.writeString(demo.resolve("zones/example.com.zone"), "$ORIGIN example.com.\n$TTL 3600\nmx IN MX ten mailhub\n");
        CliRun run = CliRun.of("check", "--inventory", demo.resolve("inventory.yml").toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isEqualTo(CheckCommand.INCONCLUSIVE);
        assertThat(run.out()).contains("example.com.zone:3: ").contains("zone-unreadable");
        // the reverse zone still answers: mlserver's PTR is checked, not unknown
        assertThat(run.out()).doesNotContain("20.2.0.192.in-addr.arpa PTR: zone-unreadable");
    }

    /** One host whose configuration is missing is that host's problem; the others are checked (issue 12). */
    @Test
    void aHostWhoseConfigIsMissingDoesNotBlindTheOthers() throws IOException {
        Path demo = copyDemo("nohost");
        Files.delete(demo.resolve("mailhub/main.cf"));
        CliRun run = CliRun.of("check", "--inventory", demo.resolve("inventory.yml").toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(CheckCommand.FOUND);
        assertThat(run.out()).contains("config-invalid").contains("mailhub/main.cf: cannot read: no such file")
                .contains("CRITICAL canonical-name-not-accepted  newserver01.example.com");
        Files.write(demo.resolve("apps/sendmail.cf"), new byte[] {'C', 'w', 'a', (byte) 0xff, '\n'});
        CliRun binary = CliRun.of("check", "--inventory", demo.resolve("inventory.yml").toString());
        assertThat(binary.out()).contains("apps/sendmail.cf: cannot read: not valid UTF-8 at byte offset 3 (line 1)");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(CliRun.of("check").exit()).isEqualTo(MaildriftCli.USAGE);
        String inv = DEMO.resolve("inventory.yml").toString();
        CliRun format = CliRun.of("check", "--inventory", inv, "--format", "xml");
        assertThat(format.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(format.err()).contains("--format must be text, json or sarif");
        CliRun failOn = CliRun.of("check", "--inventory", inv, "--fail-on", "fatal");
        assertThat(failOn.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(failOn.err()).contains("'fatal' is not one of critical, warning, notice, info");
    }

    private Path copyDemo(String name) {
        return org.maildrift.testsupport.DemoEstate.copyTo(tmp.resolve(name));
    }

    private static void replace(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            assertThat(text).contains(from);
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

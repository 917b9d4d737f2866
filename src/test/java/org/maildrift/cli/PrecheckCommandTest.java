package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code maildrift precheck} as a CI pipeline runs it: exit codes, the JSON shape, bad input. */
class PrecheckCommandTest {

    static final String BEFORE = "config-samples/precheck/inventory.yml";
    static final String DEMO = "config-samples/demo/inventory.yml";

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void theIncidentsRenameFailsAndNamesTheFix() {
        CliRun r = CliRun.of("precheck", "--inventory", BEFORE, "--change", "config-samples/precheck/changes/rename.yml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("It would introduce 5 findings:")
                .contains("CRITICAL canonical-name-not-accepted  newserver01.example.com")
                .contains("fix: add newserver01.example.com to mydestination in mlserver/main.cf line 4")
                .contains("- set-hostname: {host: mlserver, hostname: newserver01.example.com}")
                .contains("set myhostname = newserver01.example.com in mlserver/main.cf line 2")
                .contains("The change plus these entries is clean (checked again)");
    }

    @Test
    void theRenameWithItsFixPasses() {
        CliRun r = CliRun.of("precheck", "--inventory", BEFORE, "--change",
                "config-samples/precheck/changes/rename-fixed.yml");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("It introduces no finding.");
    }

    @Test
    void failOnDecidesWhichIntroducedFindingsFail() throws Exception {
        Path change = file("drop.yml", "- drop-name: {host: mlserver, name: server01.example.com}\n");
        // dropping the stale name introduces nothing: it resolves accepted-name-stale
        CliRun r = CliRun.of("precheck", "--inventory", DEMO, "--change", change.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("It would resolve 1 finding:").contains("warning accepted-name-stale  server01.example.com");
        // a new name for the hub that DNS does not know yet: two warnings, no critical
        Path remove = file("rename-hub.yml", "- set-hostname: {host: mailhub, hostname: mx.example.com}\n");
        assertThat(CliRun.of("precheck", "--inventory", DEMO, "--change", remove.toString()).exit()).isEqualTo(1);
        assertThat(CliRun.of("precheck", "--inventory", DEMO, "--change", remove.toString(), "--fail-on", "critical")
                .exit()).isZero();
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        CliRun r = CliRun.of("precheck", "--inventory", BEFORE, "--change", "config-samples/precheck/changes/rename.yml",
                "--format", "json");
        assertThat(r.exit()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = JsonMapper.builder().build().readValue(r.out(), Map.class);
        assertThat(json).containsOnlyKeys("introduced", "resolved", "unchanged", "suggestions", "verdict", "chains",
                "inconclusive");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> introduced = (List<Map<String, Object>>) json.get("introduced");
        assertThat(introduced.get(0)).containsEntry("rule", "canonical-name-not-accepted")
                .containsEntry("host", "mlserver").containsKeys("evidence", "fix", "location", "key");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> suggestions = (List<Map<String, Object>>) json.get("suggestions");
        assertThat(suggestions.get(0)).containsEntry("yaml",
                "set-hostname: {host: mlserver, hostname: newserver01.example.com}");
        assertThat(suggestions.get(0).get("change")).isEqualTo(Map.of("set-hostname",
                Map.of("host", "mlserver", "hostname", "newserver01.example.com")));
        assertThat(json.get("verdict")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("clean", true);
    }

    @Test
    void sarifPutsIntroducedFindingsAtTheirLine() {
        CliRun r = CliRun.of("precheck", "--inventory", BEFORE, "--change", "config-samples/precheck/changes/rename.yml",
                "--format", "sarif");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("\"ruleId\": \"canonical-name-not-accepted\"").contains("\"startLine\": 4");
    }

    @Test
    void aProposedZoneFileGatesADnsMergeRequest() throws Exception {
        String zone = Files.readString(Path.of("config-samples/precheck/zones/example.com.zone"))
                .replace("SERVER01    IN A    192.0.2.20", "NEWSERVER01 IN A    192.0.2.20")
                .replace("ML          IN CNAME SERVER01", "ML          IN CNAME NEWSERVER01");
        Path proposed = file("example.com.zone", zone);
        CliRun r = CliRun.of("precheck", "--inventory", BEFORE, "--proposed-zone", proposed.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("canonical-name-not-accepted  newserver01.example.com");
    }

    @Test
    void aProposedZoneWithASyntaxErrorExitsTwoNamingTheFile() throws Exception {
        Path broken = file("example.com.zone", "$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 2 3 4 5\n"
                + "ml IN CNAME\n");
        CliRun r = CliRun.of("precheck", "--inventory", BEFORE, "--proposed-zone", broken.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("maildrift precheck: --proposed-zone " + broken + ": proposed-zone: " + broken + ":")
                .contains("expected a name");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aProposedConfigForAHost() throws Exception {
        Path mainCf = file("main.cf", "myhostname = newserver01.example.com\nmydomain = example.com\n"
                + "mydestination = $myhostname, localhost, ml.example.com\ncompatibility_level = 3.6\n");
        CliRun r = CliRun.of("precheck", "--inventory", DEMO, "--proposed-config", "mlserver=" + mainCf);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("It would resolve 4 findings:");
    }

    @Test
    void badChangeSetsExitTwoWithFileLineAndKey() throws Exception {
        Path unknown = file("c1.yml", "changes:\n  - rename-host: {from: a.example.com, too: b.example.com}\n");
        CliRun r = CliRun.of("precheck", "--inventory", DEMO, "--change", unknown.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("maildrift precheck: " + unknown + ":2: rename-host.too: unknown key; expected one of from,"
                + " to\n");
        Path kind = file("c2.yml", "- rename: {from: a, to: b}\n");
        assertThat(CliRun.of("precheck", "--inventory", DEMO, "--change", kind.toString()).err())
                .contains(kind + ":1: changes[0]: unknown change 'rename'");
        Path address = file("c3.yml", "- set-addresses: {name: x.example.com, addresses: [192.0.2.300]}\n");
        assertThat(CliRun.of("precheck", "--inventory", DEMO, "--change", address.toString()).err())
                .contains("set-addresses.addresses: '192.0.2.300' is not an IPv4 or IPv6 address");
        Path yaml = file("c4.yml", "- rename-host: {from: a\n");
        assertThat(CliRun.of("precheck", "--inventory", DEMO, "--change", yaml.toString()).err())
                .contains(yaml + ":").contains("not valid YAML");
        Path missing = dir.resolve("nope.yml");
        assertThat(CliRun.of("precheck", "--inventory", DEMO, "--change", missing.toString()).err())
                .contains(missing + ": cannot read");
        Path renameMissing = file("c5.yml", "- rename-host: {from: nosuch.example.com, to: b.example.com}\n");
        CliRun r5 = CliRun.of("precheck", "--inventory", DEMO, "--change", renameMissing.toString());
        assertThat(r5.exit()).isEqualTo(2);
        assertThat(r5.err()).contains("rename-host.from: nosuch.example.com does not exist in DNS");
    }

    @Test
    void usageErrors() {
        assertThat(CliRun.of("precheck", "--inventory", DEMO).exit()).isEqualTo(2);
        assertThat(CliRun.of("precheck", "--inventory", DEMO).err()).contains("give at least one --change FILE");
        assertThat(CliRun.of("precheck", "--change", "x.yml").err()).contains("--inventory FILE is required");
        assertThat(CliRun.of("precheck", "--inventory", DEMO, "--proposed-config", "mlserver").err())
                .contains("'mlserver' is not HOST=FILE");
    }
}

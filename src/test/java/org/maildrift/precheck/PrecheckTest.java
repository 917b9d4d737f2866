package org.maildrift.precheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.collect.EvidenceCollector;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.Inventory;
import org.maildrift.inventory.InventoryLoader;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Finding;
import org.maildrift.testsupport.BindServer;

/**
 * Pre-change checks on the incident's estate before the rename ({@code config-samples/precheck}) and
 * after it ({@code config-samples/demo}), one scenario per change kind: what each would introduce and
 * resolve, and whether the suggested fixes make it clean.
 */
class PrecheckTest {

    static final Path BEFORE = Path.of("config-samples/precheck/inventory.yml");
    static final Path DEMO = Path.of("config-samples/demo/inventory.yml");
    static final ResolverDnsObserver.Settings FAST = new ResolverDnsObserver.Settings(Duration.ofSeconds(2), 2, 64);

    @TempDir
    Path dir;

    /** Writes the change set to change.yml and checks it against the inventory. */
    Precheck.Result precheck(Path inventory, String changes) throws Exception {
        Path file = dir.resolve("change.yml");
        Files.writeString(file, changes);
        try (EvidenceCollector c = new EvidenceCollector(InventoryLoader.load(inventory), FAST)) {
            List<Evidence> evidence = c.collect();
            return Precheck.withCatalog().run(evidence, ChangeSetLoader.load(file));
        }
    }

    static List<String> keys(List<Finding> findings) {
        return findings.stream().map(f -> f.rule() + " " + f.subject()).toList();
    }

    // ---- the incident ----

    @Test
    void theIncidentsRenameIntroducesCanonicalNameNotAcceptedWithItsFix() throws Exception {
        Precheck.Result r = precheck(BEFORE, "- rename-host: {from: SERVER01.example.com, to: NEWSERVER01.example.com}");
        Finding canonical = r.introduced().get(0);
        assertThat(canonical.rule()).isEqualTo("canonical-name-not-accepted");
        assertThat(canonical.host()).isEqualTo("mlserver");
        assertThat(canonical.subject()).isEqualTo("newserver01.example.com");
        assertThat(canonical.fix()).isEqualTo("add newserver01.example.com to mydestination in mlserver/main.cf line 4");
        assertThat(canonical.evidence()).contains("ml.example.com CNAME newserver01.example.com");
        assertThat(keys(r.introduced())).contains("accepted-name-stale server01.example.com",
                "hostname-not-forward-confirmed server01.example.com");
        assertThat(r.resolved()).isEmpty();
        // the fix: the list server takes its new name, which it accepts through $myhostname
        assertThat(r.suggestions().get(0).change())
                .isEqualTo(new Change.SetHostname("mlserver", "newserver01.example.com", ""));
        assertThat(r.suggestions().get(0).text())
                .startsWith("set myhostname = newserver01.example.com in mlserver/main.cf line 2");
        assertThat(r.verdict().clean()).isTrue();
        assertThat(r.chains()).extracting(Precheck.ChainChange::name).containsExactly("ml.example.com");
        assertThat(r.chains().get(0).after()).contains("ml.example.com CNAME newserver01.example.com");
    }

    @Test
    void theRenamePlusItsFixIntroducesNothing() throws Exception {
        Precheck.Result r = precheck(BEFORE, """
                - rename-host: {from: SERVER01.example.com, to: NEWSERVER01.example.com}
                - set-hostname: {host: mlserver, hostname: newserver01.example.com}
                """);
        assertThat(r.introduced()).isEmpty();
        assertThat(r.inconclusive()).isEmpty();
    }

    @Test
    void withTheOldNameListedLiterallyTheFixIsToAcceptTheNewName() throws Exception {
        Path inv = copyOfBefore("myhostname = SERVER01.example.com\nmydomain = example.com\n"
                + "mydestination = SERVER01.example.com, localhost, ML.example.com\ncompatibility_level = 3.6\n");
        Precheck.Result r = precheck(inv, "- rename-host: {from: SERVER01.example.com, to: NEWSERVER01.example.com}");
        assertThat(r.introduced().get(0).fix())
                .isEqualTo("add newserver01.example.com to mydestination in mlserver/main.cf line 3");
        Precheck.Result fixed = precheck(inv, """
                - rename-host: {from: SERVER01.example.com, to: NEWSERVER01.example.com}
                - accept-name: {host: mlserver, name: NEWSERVER01.example.com}
                """);
        assertThat(keys(fixed.introduced())).doesNotContain("canonical-name-not-accepted newserver01.example.com");
    }

    private Path copyOfBefore(String mainCf) throws Exception {
        Path src = BEFORE.toAbsolutePath().getParent();
        for (String f : List.of("zones/example.com.zone", "zones/2.0.192.in-addr.arpa.zone")) {
            Files.createDirectories(dir.resolve(f).getParent());
            Files.copy(src.resolve(f), dir.resolve(f));
        }
        Files.createDirectories(dir.resolve("mlserver"));
        Files.writeString(dir.resolve("mlserver/main.cf"), mainCf);
        String inventory = Files.readString(BEFORE).replace("../demo/", src.getParent().resolve("demo") + "/");
        Files.writeString(dir.resolve("inventory.yml"), inventory);
        return dir.resolve("inventory.yml");
    }

    // ---- each change kind ----

    @Test
    void acceptNameResolvesTheDemosCriticalFinding() throws Exception {
        Precheck.Result r = precheck(DEMO, "- accept-name: {host: mlserver, name: newserver01.example.com}");
        assertThat(keys(r.resolved())).containsExactly("canonical-name-not-accepted newserver01.example.com");
        assertThat(r.introduced()).isEmpty();
        assertThat(keys(r.unchanged())).contains("accepted-name-stale server01.example.com");
    }

    @Test
    void dropNameOfAnAcceptedAliasIntroducesRoutedNameNotAccepted() throws Exception {
        Precheck.Result r = precheck(DEMO, "- drop-name: {host: mlserver, name: ML.example.com}");
        assertThat(keys(r.introduced())).contains("routed-name-not-accepted ml.example.com");
        assertThat(r.suggestions()).extracting(Precheck.Suggestion::change)
                .contains(new Change.AcceptName("mlserver", "ml.example.com", ""));
    }

    @Test
    void dropNameOfANameNotListedLiterallySaysWhereItComesFrom() {
        assertThatThrownBy(() -> precheck(BEFORE, "- drop-name: {host: mlserver, name: server01.example.com}"))
                .isInstanceOf(ChangeSetException.class)
                .hasMessageContaining("change.yml:1: drop-name.name: server01.example.com is not listed literally")
                .hasMessageContaining("$myhostname");
    }

    @Test
    void onASendmailHostAcceptNameAddsACwLineAndSetHostnameSetsDj() throws Exception {
        Precheck.Result accept = precheck(DEMO, "- accept-name: {host: apps, name: ml.example.com}");
        assertThat(keys(accept.introduced())).contains("accepted-name-routes-elsewhere ml.example.com");
        assertThat(accept.introduced().get(0).evidence().get(0)).contains("apps/sendmail.cf:66");
        Precheck.Result rename = precheck(DEMO, "- set-hostname: {host: apps, hostname: apps2.example.com}");
        assertThat(keys(rename.introduced())).contains("hostname-not-forward-confirmed apps2.example.com");
    }

    @Test
    void onASendmailHostDropNameRemovesItFromTheCwLines() throws Exception {
        Precheck.Result r = precheck(DEMO, "- drop-name: {host: apps, name: localhost}");
        assertThat(r.introduced()).isEmpty();
        assertThatThrownBy(() -> precheck(DEMO, "- drop-name: {host: apps, name: apps.example.com}"))
                .isInstanceOf(ChangeSetException.class).hasMessageContaining("with proposed-config");
        assertThatThrownBy(() -> precheck(DEMO, "- set-parameter: {host: apps, name: mydestination, value: x}"))
                .isInstanceOf(ChangeSetException.class).hasMessageContaining("apps runs sendmail");
    }

    @Test
    void setParameterRewritesMydestination() throws Exception {
        Precheck.Result r = precheck(DEMO, "- set-parameter: {host: mlserver, name: mydestination, "
                + "value: \"newserver01.example.com, localhost, ml.example.com\"}");
        assertThat(keys(r.resolved())).contains("canonical-name-not-accepted newserver01.example.com",
                "accepted-name-stale server01.example.com");
    }

    @Test
    void setHostnameResolvesTheHostnameThatNoLongerResolves() throws Exception {
        Precheck.Result r = precheck(DEMO, "- set-hostname: {host: mlserver, hostname: newserver01.example.com}");
        assertThat(keys(r.resolved())).contains("hostname-not-forward-confirmed server01.example.com");
    }

    @Test
    void setCnameToAHostThatDoesNotAcceptTheAlias() throws Exception {
        Precheck.Result r = precheck(DEMO, "- set-cname: {name: ml.example.com, target: mailhub.example.com}");
        assertThat(keys(r.introduced())).contains("routed-name-not-accepted ml.example.com");
        assertThat(keys(r.resolved())).contains("canonical-name-not-accepted newserver01.example.com");
        assertThat(r.suggestions()).extracting(Precheck.Suggestion::change)
                .contains(new Change.AcceptName("mailhub", "ml.example.com", ""));
        assertThat(r.verdict().clean()).as("%s", r.verdict().remaining()).isTrue();
    }

    @Test
    void setAddressesOutsideTheInventory() throws Exception {
        Precheck.Result r = precheck(DEMO, "- set-addresses: {name: newserver01.example.com, addresses: [198.51.100.7]}");
        assertThat(keys(r.introduced())).contains("name-routes-outside-inventory ml.example.com",
                "accepted-name-routes-elsewhere ml.example.com");
        // mail for ML leaves the estate: no entry can fix that, the fix is by hand and the verdict says so
        assertThat(r.suggestions()).anyMatch(s -> s.change() == null
                && s.findings().contains("name-routes-outside-inventory||ml.example.com"));
        assertThat(r.suggestions()).extracting(Precheck.Suggestion::text)
                .contains("remove ml.example.com from mydestination in mlserver/main.cf line 4");
        assertThat(r.verdict().clean()).isFalse();
        // and the list server's PTR now names a name that no longer has its address
        assertThat(keys(r.verdict().remaining())).containsExactlyInAnyOrder(
                "name-routes-outside-inventory ml.example.com", "reverse-dns-mismatch 192.0.2.20");
    }

    @Test
    void removeNameLeavesTheAliasDangling() throws Exception {
        Precheck.Result r = precheck(DEMO, "- remove-name: {name: newserver01.example.com}");
        assertThat(keys(r.introduced())).contains("alias-target-missing ml.example.com");
    }

    @Test
    void setMxToAnAlias() throws Exception {
        Precheck.Result r = precheck(DEMO, "- set-mx: {domain: example.com, exchanges: [\"10 ml.example.com\"]}");
        assertThat(keys(r.introduced())).contains("mx-target-is-alias ml.example.com");
    }

    @Test
    void setMxBesideACnameIsRefused() {
        assertThatThrownBy(() -> precheck(DEMO, "- set-mx: {domain: ml.example.com, exchanges: [\"10 mailhub.example.com\"]}"))
                .isInstanceOf(ChangeSetException.class).hasMessageContaining("set-mx.domain: ml.example.com is an alias");
    }

    @Test
    void aProposedZoneFileReplacesWhatDnsSaysUnderItsApex() throws Exception {
        Path zone = dir.resolve("example.com.zone");
        Files.writeString(zone, Files.readString(Path.of("config-samples/demo/zones/example.com.zone"))
                + "SERVER01    IN A    192.0.2.20\n");
        Precheck.Result r = precheck(DEMO, "- proposed-zone: {file: " + zone + "}");
        assertThat(keys(r.resolved())).contains("accepted-name-stale server01.example.com",
                "hostname-not-forward-confirmed server01.example.com");
        assertThat(r.introduced()).isEmpty();
    }

    @Test
    void aProposedZoneFileWithASyntaxErrorIsRefusedWithItsLine() throws Exception {
        Path zone = dir.resolve("broken.zone");
        Files.writeString(zone, "$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 2 3 4 5\nml IN CNAME\n");
        assertThatThrownBy(() -> precheck(DEMO, "- proposed-zone: {file: " + zone + "}"))
                .isInstanceOf(ChangeSetException.class).hasMessageContaining("change.yml:1: proposed-zone: " + zone + ":")
                .hasMessageContaining("expected a name");
    }

    @Test
    void aProposedConfigIsReadByTheRealReader() throws Exception {
        Path mainCf = dir.resolve("main.cf");
        Files.writeString(mainCf, "myhostname = newserver01.example.com\nmydomain = example.com\n"
                + "mydestination = $myhostname, localhost, ml.example.com\ncompatibility_level = 3.6\n");
        Precheck.Result r = precheck(DEMO, "- proposed-config: {host: mlserver, file: " + mainCf + "}");
        assertThat(keys(r.resolved())).contains("canonical-name-not-accepted newserver01.example.com",
                "accepted-name-stale server01.example.com", "hostname-not-forward-confirmed server01.example.com");
    }

    @Test
    void aChangeForAHostNotInTheInventoryNamesTheHosts() {
        assertThatThrownBy(() -> precheck(DEMO, "- accept-name: {host: nosuch, name: x.example.com}"))
                .isInstanceOf(ChangeSetException.class)
                .hasMessageEndingWith("change.yml:1: accept-name.host: 'nosuch' is not a host of the inventory (mailhub, mlserver, apps, relay)");
    }

    @Test
    void theCurrentEvidenceIsNotModified() throws Exception {
        Inventory inventory = InventoryLoader.load(DEMO);
        try (EvidenceCollector c = new EvidenceCollector(inventory, FAST)) {
            List<Evidence> evidence = c.collect();
            var before = org.maildrift.rules.catalog.RuleCatalog.engine().run(evidence);
            Precheck.withCatalog().run(evidence, ChangeSetLoader.parse("x", """
                    - remove-name: {name: newserver01.example.com}
                    - set-hostname: {host: mlserver, hostname: elsewhere.example.com}
                    """));
            var again = org.maildrift.rules.catalog.RuleCatalog.engine().run(evidence);
            assertThat(again.findings()).isEqualTo(before.findings());
            assertThat(evidence.get(0).host("mlserver").host().hostname()).isEqualTo("newserver01.example.com");
        }
    }

    // ---- live DNS ----

    @Test
    void theRenameOverLiveDnsFromBind() throws Exception {
        Path src = BEFORE.toAbsolutePath().getParent();
        try (BindServer bind = BindServer.start(Files.createDirectories(dir.resolve("bind")), Map.of(
                "example.com", Files.readString(src.resolve("zones/example.com.zone")),
                "2.0.192.in-addr.arpa", Files.readString(src.resolve("zones/2.0.192.in-addr.arpa.zone"))))) {
            String yaml = Files.readString(BEFORE).replace("../demo/", src.getParent().resolve("demo") + "/")
                    .replace("mlserver/main.cf", src.resolve("mlserver/main.cf").toString())
                    .replaceAll("(?s)  zone-files:.*?hosts:", "  views:\n    - name: inside\n      servers: [\""
                            + bind.address() + "\"]\nhosts:");
            Files.writeString(dir.resolve("inventory.yml"), yaml);
            Precheck.Result r = precheck(dir.resolve("inventory.yml"),
                    "- rename-host: {from: SERVER01.example.com, to: NEWSERVER01.example.com}");
            assertThat(keys(r.introduced())).contains("canonical-name-not-accepted newserver01.example.com");
            assertThat(r.introduced().get(0).views()).containsExactly("inside");
            assertThat(r.verdict().clean()).isTrue();
        }
    }
}

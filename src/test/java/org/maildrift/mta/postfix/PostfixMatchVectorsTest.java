package org.maildrift.mta.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.Acceptance;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.Verdict;
import org.maildrift.testsupport.Peers;
import org.maildrift.testsupport.Vectors;

/**
 * Replays vectors/postfix-match: the verdicts of Postfix's own resolve_local() and domain_list code.
 * A YES or NO from maildrift must equal Postfix's; UNKNOWN is allowed only where the list holds a table
 * type maildrift does not read (regexp, pcre, cidr) and must then be reported as unresolved.
 */
class PostfixMatchVectorsTest {

    @TempDir
    Path root;

    @TestFactory
    List<DynamicTest> localVerdictsMatchResolveLocal() throws Exception {
        return Peers.guard(() -> {
            Path dir = Peers.vectors().resolve("postfix-match");
            Path aux = Files.createDirectories(root.resolve("aux"));
            for (String f : List.of("m03.domains.txt", "m03.excluded.txt", "m04.texthash", "m04.hash", "m04.regexp",
                    "m04.pcre", "m04.cidr", "r01.texthash")) {
                Files.copy(dir.resolve(f), aux.resolve(f));
            }
            List<String> names = Vectors.names(dir, ".match.expected").stream().filter(n -> n.startsWith("m")).toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(10);
            List<DynamicTest> tests = new ArrayList<>();
            for (String name : names) {
                tests.add(DynamicTest.dynamicTest(name, () -> replayLocal(dir, name)));
            }
            tests.add(DynamicTest.dynamicTest("r01-relay-domains", () -> replayRelay(dir)));
            return tests;
        });
    }

    private void replayLocal(Path dir, String name) {
        String mainCf = Vectors.read(dir.resolve(name + ".main.cf")).replace("@DIR@", "/aux")
                + "relay_domains =\n";
        HostNames names = PostfixReader.read(MainCfParser.parse("main.cf", mainCf),
                PostfixReader.Host.of("testhost", List.of()), FilesRoot.at(root), "CONFDIR");
        String stderr = Vectors.read(dir.resolve(name + ".match.stderr"));
        List<String> lines = Vectors.read(dir.resolve(name + ".match.expected")).lines()
                .filter(l -> !l.startsWith("# expanded")).toList();
        if (stderr.contains("fatal:")) {
            assertThat(names.errors()).as("%s: Postfix stops here; maildrift must report an error", name).isNotEmpty();
            return;
        }
        assertThat(lines).isNotEmpty();
        boolean hasUnreadTables = !names.unresolved().isEmpty();
        for (String line : lines) {
            int sp = line.lastIndexOf(' ');
            String domain = line.substring(0, sp);
            boolean expected = line.substring(sp + 1).equals("YES");
            Acceptance a = names.accepts(domain);
            if (a.verdict() == Verdict.UNKNOWN) {
                assertThat(hasUnreadTables).as("%s: %s is UNKNOWN although every table was read", name, domain).isTrue();
                continue;
            }
            boolean local = a.verdict() == Verdict.YES && a.addressClass() == AddressClass.LOCAL;
            assertThat(local).as("%s: is %s local? (%s)", name, domain, a.reason()).isEqualTo(expected);
        }
    }

    private void replayRelay(Path dir) {
        String list = Vectors.read(dir.resolve("r01-relay-domains.list")).strip().replace("@DIR@", "/aux");
        for (boolean parent : new boolean[] {true, false}) {
            String mainCf = "myhostname = mx.example.com\nmydestination =\ninet_interfaces = loopback-only\n"
                    + "relay_domains = " + list + "\n"
                    + (parent ? "" : "parent_domain_matches_subdomains = debug_peer_list, smtpd_access_maps\n");
            HostNames names = PostfixReader.read(MainCfParser.parse("main.cf", mainCf),
                    PostfixReader.Host.of("testhost", List.of()), FilesRoot.at(root), "CONFDIR");
            for (String line : Vectors.read(dir.resolve("r01-relay-domains.match.expected")).lines()
                    .filter(l -> !l.startsWith("#")).toList()) {
                String[] f = line.split(" ");
                boolean expected = (parent ? f[1] : f[2]).equals("YES");
                Acceptance a = names.accepts(f[0]);
                assertThat(a.verdict() == Verdict.YES && a.addressClass() == AddressClass.RELAY)
                        .as("r01 %s style: relay %s? (%s)", parent ? "parent" : "dot", f[0], a.reason())
                        .isEqualTo(expected);
            }
        }
    }
}

package org.maildrift.mta.exim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.Verdict;
import org.maildrift.testsupport.Peers;
import org.maildrift.testsupport.Vectors;

/**
 * Replays vectors/exim (recorded with exim4-daemon-light 4.96): the named list as {@code -bP +local_domains}
 * printed it, primary_hostname and the qualify domains as {@code -bP} printed them, and for each address
 * {@code -bt} routed, local delivery exactly where maildrift says the domain is local.
 */
class EximVectorsTest {

    @TempDir
    Path root;

    @TestFactory
    List<DynamicTest> readingMatchesRecordedExim() throws Exception {
        return Peers.guard(() -> {
            Path dir = Peers.vectors().resolve("exim");
            Files.createDirectories(root.resolve("aux"));
            Files.copy(dir.resolve("exim-domains.txt"), root.resolve("aux/exim-domains.txt"));
            List<String> envs = Vectors.names(dir, ".env");
            assertThat(envs).hasSizeGreaterThanOrEqualTo(3);
            List<DynamicTest> tests = new ArrayList<>();
            for (String env : envs) {
                tests.add(DynamicTest.dynamicTest(env, () -> replay(dir, env)));
            }
            return tests;
        });
    }

    private void replay(Path dir, String name) throws Exception {
        Map<String, String> env = Vectors.keyValues(dir.resolve(name + ".env"));
        String conf = name.substring(0, name.indexOf('-'));
        String text = Vectors.read(dir.resolve(conf + ".conf")).replace("@AUX@", "/aux").replace("@SCRATCH@", "/scratch");
        // the kernel's name, qualified through /etc/hosts as Exim does (192.0.2.10 mail.example.com mail)
        String hostname = env.get("hostname").split(" ")[0];
        String fqdn = hostname.contains(".") ? hostname : hostname + ".example.com";
        EximReader.Host host = new EximReader.Host(fqdn, List.of("192.0.2.10"));
        EximConfig cfg = EximConfigParser.parse(conf + ".conf", text, "/", p -> EximConfigParser.Opened.missing(p, "none"));
        assertThat(cfg.fatal()).isNull();
        EximDomainLists.Facts facts = EximReader.facts(cfg, host, FilesRoot.at(root));

        List<String> bp = new ArrayList<>(List.of(Vectors.read(dir.resolve(name + ".bP.expected")).split("\n")));
        assertThat(bp.get(0)).isEqualTo(("domainlist local_domains = " + cfg.domainLists().get("local_domains").value())
                .replace("/aux", "@AUX@"));
        assertThat(bp.subList(1, 4)).containsExactly("primary_hostname = " + facts.primaryHostname(),
                "qualify_domain = " + facts.qualifyDomain(), "qualify_recipient = " + facts.qualifyRecipient());

        HostNames names = EximReader.read(cfg, host, FilesRoot.at(root));
        String[] bt = Vectors.read(dir.resolve(name + ".bt.expected")).split("\n");
        int compared = 0;
        for (int i = 0; i < bt.length; i++) {
            String address = bt[i];
            if (address.startsWith(" ") || address.startsWith("syntax error")) {
                continue;
            }
            String routed = bt[i + 1].strip();
            String domain = address.substring(address.lastIndexOf('@') + 1);
            boolean local = routed.startsWith("router = local,");
            assertThat(EximReader.routesLocally(cfg, host, FilesRoot.at(root), domain)).as(address + " " + routed)
                    .isEqualTo(local);
            // without acl_smtp_rcpt, Exim takes no recipient over SMTP: nothing is accepted, and it says so
            assertThat(names.accepts(domain).verdict()).isEqualTo(Verdict.NO);
            compared++;
        }
        assertThat(compared).isEqualTo(18);
        assertThat(names.warnings()).extracting(p -> p.message()).anyMatch(m -> m.contains("acl_smtp_rcpt is not set"));
    }
}

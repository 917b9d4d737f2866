package org.maildrift.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.exim.EximReader;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.Verdict;
import org.maildrift.mta.postfix.tables.AgentTableAnswers;
import org.maildrift.testsupport.EximRunner;

/**
 * config-samples/agent/maildrift-push on an Exim host, with the real exim4 4.96 (in a private namespace) and
 * a curl that keeps what it would send: the first run pushes {@code exim -bP +local_domains
 * +relay_to_domains …}; the service cannot read the host's lsearch file, so the names it asks about (the
 * table questions, {@code exim:+local_domains}) are answered by the second run with {@code exim -be
 * match_domain}, and the pushed answers decide what the capture alone leaves unknown.
 */
class EximAgentEndToEndTest {

    private static final Path SCRIPT = Path.of("config-samples/agent/maildrift-push").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theAgentPushesTheListsAndAnswersForTheLookupFile() throws Exception {
        EximRunner exim = EximRunner.create(dir.resolve("exim"));
        Path host = Files.createDirectories(dir.resolve("host"));
        Files.writeString(host.resolve("virtual_domains"), "c.example.test\n");
        Path conf = host.resolve("exim4.conf");
        Files.writeString(conf, exim.preamble() + "primary_hostname = hub.example.test\n"
                + "domainlist local_domains = @ : localhost : lsearch;" + host.resolve("virtual_domains") + "\n"
                + "domainlist relay_to_domains = partner.example.test\n"
                + "begin routers\nlocal:\n  driver = accept\n  domains = +local_domains\n  transport = t\n"
                + "begin transports\nt:\n  driver = appendfile\n  file = /dev/null\n");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path pushed = Files.createDirectories(dir.resolve("pushed"));
        Path questions = dir.resolve("questions");
        Files.writeString(questions, "");
        write(bin.resolve("exim4"), "LD_LIBRARY_PATH=\"$R/usr/lib/x86_64-linux-gnu\" exec \"$R/usr/sbin/exim4\" -C '"
                + conf + "' \"$@\"\n");
        write(bin.resolve("curl"), "for a in \"$@\"; do url=$a; done\n"
                + "case \"$url\" in\n  */table-questions) cat '" + questions + "' ;;\n"
                + "  */config/*) cat > '" + pushed + "'/\"${url##*/config/}\" ;;\nesac\n");
        for (String tool : new String[] {"cat", "grep", "mktemp", "rm", "tr", "sh"}) {
            for (String from : new String[] {"/usr/bin/", "/bin/"}) {
                if (Files.isExecutable(Path.of(from + tool)) && !Files.exists(bin.resolve(tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), Path.of(from + tool));
                }
            }
        }
        Path pushConf = Files.writeString(dir.resolve("push.conf"),
                "MAILDRIFT_URL=http://127.0.0.1:9\nMAILDRIFT_HOST=hub\nMAILDRIFT_TOKEN=mdt_x\n");
        // only the fakes and exim on PATH: no postconf, so the script takes the Exim branch
        Path agent = dir.resolve("agent.sh");
        Files.writeString(agent, "#!/bin/sh\nexport PATH='" + bin + "' MAILDRIFT_PUSH_CONF='" + pushConf + "'\n"
                + "exec /bin/sh '" + SCRIPT + "'\n");
        String hosts = "127.0.0.1\tlocalhost\n192.0.2.10\thub.example.test hub\n";

        EximRunner.Run first = exim.runScript(agent, "hub.example.test", hosts, List.of());
        assertThat(first.exit()).as(first.err()).isZero();
        String capture = Files.readString(pushed.resolve("exim-bp"));
        assertThat(capture).startsWith("domainlist local_domains = @ : localhost : lsearch;");

        // what the service makes of the capture alone, and the questions it hands the agent
        AgentTableAnswers.Recorder recorder = new AgentTableAnswers.Recorder();
        HostNames alone = EximReader.read(pushed.resolve("exim-bp"), capture,
                new EximReader.Host("hub.example.test", List.of("192.0.2.10"), recorder), FilesRoot.none());
        assertThat(alone.accepts("c.example.test").verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(alone.accepts("hub.example.test").verdict()).isEqualTo(Verdict.YES);
        assertThat(recorder.tables()).contains("exim:+local_domains");
        List<String> asked = AgentTableAnswers.questions(recorder.tables(),
                List.of("c.example.test", "gone.example.test", "partner.example.test"));
        Files.writeString(questions, String.join("\n", asked) + "\n");

        EximRunner.Run second = exim.runScript(agent, "hub.example.test", hosts, List.of());
        assertThat(second.exit()).as(second.err()).isZero();
        String answers = Files.readString(pushed.resolve("table-answers"));
        assertThat(answers).contains("exim:+local_domains\tc.example.test\tfound")
                .contains("exim:+local_domains\tgone.example.test\tnot-found");

        HostNames withAnswers = EximReader.read(pushed.resolve("exim-bp"), capture,
                new EximReader.Host("hub.example.test", List.of("192.0.2.10"), AgentTableAnswers.parse(answers)),
                FilesRoot.none());
        assertThat(withAnswers.accepts("c.example.test").addressClass()).isEqualTo(AddressClass.LOCAL);
        assertThat(withAnswers.accepts("c.example.test").reason()).contains("exim -be match_domain on the mail host");
        assertThat(withAnswers.accepts("gone.example.test").verdict()).isEqualTo(Verdict.NO);
        assertThat(withAnswers.accepts("partner.example.test").addressClass()).isEqualTo(AddressClass.RELAY);
        assertThat(withAnswers.accepts("other.example.test").verdict()).as("a name nobody asked about stays unknown")
                .isEqualTo(Verdict.UNKNOWN);
    }

    private static void write(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body);
        file.toFile().setExecutable(true);
    }
}

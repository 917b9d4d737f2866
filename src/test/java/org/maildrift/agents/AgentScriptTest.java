package org.maildrift.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mta.captured.CapturedClassW;
import org.maildrift.mta.model.AcceptedName;

/**
 * config-samples/agent/maildrift-push on a sendmail host, run by sh with a sendmail that prints what
 * sendmail 8.17 prints for {@code echo '$=w' | sendmail -bt} (the first member on the prompt's line, a bare
 * closing prompt) and a curl that keeps what it would send.
 */
class AgentScriptTest {

    private static final Path SCRIPT = Path.of("config-samples/agent/maildrift-push").toAbsolutePath();

    @TempDir
    Path dir;

    private record Run(int exit, String err, Path pushed) {
    }

    private Run run(String sendmailOutput) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("bt.out"), sendmailOutput);
        script(bin.resolve("sendmail"), "cat '" + dir.resolve("bt.out") + "'\n");
        script(bin.resolve("curl"), "cat > '" + dir.resolve("pushed") + "'\n");
        for (String tool : new String[] {"awk", "cat", "sh"}) {
            for (String from : new String[] {"/usr/bin/", "/bin/"}) {
                if (Files.isExecutable(Path.of(from + tool)) && !Files.exists(bin.resolve(tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), Path.of(from + tool));
                }
            }
        }
        Path conf = Files.writeString(dir.resolve("push.conf"),
                "MAILDRIFT_URL=http://127.0.0.1:9\nMAILDRIFT_HOST=apps\nMAILDRIFT_TOKEN=mdt_x\n");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", SCRIPT.toString());
        // only the fakes: no postconf on this PATH, so the script takes the sendmail branch
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("MAILDRIFT_PUSH_CONF", conf.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), err, dir.resolve("pushed"));
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void everyMemberOfClassWIsPushedTheFirstIncluded() throws Exception {
        Run r = run("Version 8.17.1.9\nADDRESS TEST MODE (ruleset 3 NOT automatically invoked)\n"
                + "Enter <ruleset> <address>\n> apps.example.com\nlocalhost\n[192.0.2.30]\n> ");
        assertThat(r.exit()).as(r.err()).isZero();
        String pushed = Files.readString(r.pushed());
        assertThat(CapturedClassW.read("agent:apps", pushed).accepted()).extracting(AcceptedName::name)
                .containsExactly("apps.example.com", "localhost", "[192.0.2.30]");
    }

    @Test
    void anAnswerCutShortIsNotPushed() throws Exception {
        Run r = run("ADDRESS TEST MODE (ruleset 3 NOT automatically invoked)\nEnter <ruleset> <address>\n"
                + "> apps.example.com\nlocalhost\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no complete $=w answer");
        assertThat(r.pushed()).doesNotExist();
        Run nothing = run("");
        assertThat(nothing.exit()).isEqualTo(1);
        assertThat(nothing.pushed()).doesNotExist();
    }
}

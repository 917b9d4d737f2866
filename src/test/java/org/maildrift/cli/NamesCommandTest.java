package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesCommandTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MaildriftCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path mainCf(String text) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("postfix"));
        Files.writeString(dir.resolve("main.cf"), text);
        return dir;
    }

    @Test
    void printsAcceptedNamesAsJsonWithProvenance() throws IOException {
        Path dir = mainCf("""
                myhostname = SERVER01.example.com
                mydestination = $myhostname, localhost, ML.example.com
                """);
        Run r = run("names", "--postfix", dir.toString(), "--hostname", "server01", "--format", "json");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"mta\": \"postfix\"")
                .contains("\"name\": \"server01.example.com\"")
                .contains("\"source\": \"mydestination → $myhostname → myhostname (" + dir.resolve("main.cf") + ":1)\"")
                .contains("\"canonicalizesRecipients\": false")
                .contains("\"errors\": []");
    }

    @Test
    void printsAParameterLikePostconf() throws IOException {
        Path dir = mainCf("mydestination = $myhostname,\n   extra.example\n");
        Run raw = run("names", "--postfix", dir.toString(), "--hostname", "mail", "--param", "mydestination");
        assertThat(raw.out()).isEqualTo("$myhostname, extra.example\n");
        Run expanded = run("names", "--postfix", dir.toString(), "--hostname", "mail", "--param", "mydestination",
                "--param", "mydomain", "--expand");
        assertThat(expanded.out()).isEqualTo("mail.localdomain, extra.example\nlocaldomain\n");
        assertThat(expanded.exit()).isZero();
    }

    @Test
    void exitsOneWhenPostfixWouldRefuseTheConfig() throws IOException {
        Path dir = mainCf("myhostname = a.example\nmydestination example.com\n");
        Run r = run("names", "--postfix", dir.toString(), "--hostname", "mail.example");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("error: " + dir.resolve("main.cf") + ":2: missing '=' after attribute name");
        Run p = run("names", "--postfix", dir.toString(), "--param", "mydestination");
        assertThat(p.exit()).isEqualTo(1);
        assertThat(p.out()).isEmpty();
    }

    @Test
    void readsSendmailClassW() throws IOException {
        Path cf = tmp.resolve("sendmail.cf");
        Files.writeString(cf, "V10/Berkeley\nCwlocalhost ML.example.com\nO DontProbeInterfaces=true\n");
        Run r = run("names", "--sendmail", cf.toString(), "--hostname", "server01.example.com", "--address",
                "192.0.2.20");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("server01.example.com", "[192.0.2.20]", "ML.example.com",
                "rewrites recipient domains through CNAMEs: no");
    }

    @Test
    void rejectsWrongUsageWithExitTwo() {
        assertThat(run("names").exit()).isEqualTo(2);
        assertThat(run("names", "--postfix", "a", "--sendmail", "b").exit()).isEqualTo(2);
        assertThat(run("names", "--postfix", "a", "--format", "xml").exit()).isEqualTo(2);
        assertThat(run("names", "--postfix", "a", "--bogus", "x").err()).contains("unknown option --bogus");
        assertThat(run("names", "--postfix", tmp.resolve("missing").toString()).exit()).isEqualTo(2);
    }
}

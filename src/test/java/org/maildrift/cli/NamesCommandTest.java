package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesCommandTest {

    @TempDir
    Path tmp;

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
        CliRun r = CliRun.of("names", "--postfix", dir.toString(), "--hostname", "server01", "--format", "json");
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
        CliRun raw = CliRun.of("names", "--postfix", dir.toString(), "--hostname", "mail", "--param", "mydestination");
        assertThat(raw.out()).isEqualTo("$myhostname, extra.example\n");
        CliRun expanded = CliRun.of("names", "--postfix", dir.toString(), "--hostname", "mail", "--param", "mydestination",
                "--param", "mydomain", "--expand");
        assertThat(expanded.out()).isEqualTo("mail.localdomain, extra.example\nlocaldomain\n");
        assertThat(expanded.exit()).isZero();
    }

    @Test
    void exitsOneWhenPostfixWouldRefuseTheConfig() throws IOException {
        Path dir = mainCf("myhostname = a.example\nmydestination example.com\n");
        CliRun r = CliRun.of("names", "--postfix", dir.toString(), "--hostname", "mail.example");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("error: " + dir.resolve("main.cf") + ":2: missing '=' after attribute name");
        CliRun p = CliRun.of("names", "--postfix", dir.toString(), "--param", "mydestination");
        assertThat(p.exit()).isEqualTo(1);
        assertThat(p.out()).isEmpty();
    }

    @Test
    void readsSendmailClassW() throws IOException {
        Path cf = tmp.resolve("sendmail.cf");
        Files.writeString(cf, "V10/Berkeley\nCwlocalhost ML.example.com\nO DontProbeInterfaces=true\n");
        CliRun r = CliRun.of("names", "--sendmail", cf.toString(), "--hostname", "server01.example.com", "--address",
                "192.0.2.20");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("server01.example.com", "[192.0.2.20]", "ML.example.com",
                "rewrites recipient domains through CNAMEs: no");
    }

    @Test
    void describesAShortKernelNameWithItsFqdnInEtcHosts() throws IOException {
        Path cf = tmp.resolve("sendmail.cf");
        Files.writeString(cf, "V10/Berkeley\nO DontProbeInterfaces=true\n");
        CliRun both = CliRun.of("names", "--sendmail", cf.toString(), "--hostname", "mail", "--fqdn",
                "mail.example.com", "--format", "json");
        assertThat(both.exit()).isZero();
        assertThat(both.out()).contains("\"name\": \"mail.example.com\"", "\"name\": \"mail\"");
        CliRun shortOnly = CliRun.of("names", "--sendmail", cf.toString(), "--hostname", "mail", "--format", "json");
        assertThat(shortOnly.out()).doesNotContain("mail.example.com");
        assertThat(CliRun.of("names", "--sendmail", cf.toString(), "--fqdn", "mail.example.com").exit()).isEqualTo(2);
    }

    @Test
    void paramWarnsWhereTheValueDependsOnWhatIsNotModelled() throws IOException {
        Path dir = mainCf("mynetworks_style = subnet\nproxy_read_maps = $mynetworks\n");
        CliRun bare = CliRun.of("names", "--postfix", dir.toString(), "--hostname", "mail", "--address", "192.0.2.20",
                "--param", "proxy_read_maps", "--expand");
        assertThat(bare.exit()).isZero();
        assertThat(bare.out()).isEqualTo("127.0.0.0/8 192.0.2.20/32 [::1]/128\n");
        assertThat(bare.err()).contains("warning: proxy_read_maps: depends on mynetworks: mynetworks_style = subnet "
                + "needs the subnet of 192.0.2.20");
        CliRun prefixed = CliRun.of("names", "--postfix", dir.toString(), "--hostname", "mail", "--address",
                "192.0.2.20/24", "--param", "proxy_read_maps", "--expand");
        assertThat(prefixed.out()).isEqualTo("127.0.0.0/8 192.0.2.0/24 [::1]/128\n");
        assertThat(prefixed.err()).doesNotContain("warning");
        CliRun missing = CliRun.of("names", "--postfix", mainCf("inet_interfaces = 198.51.100.7\n").toString(),
                "--hostname", "mail", "--address", "192.0.2.20", "--param", "myhostname");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no local interface found for 198.51.100.7");
    }

    @Test
    void rejectsWrongUsageWithExitTwo() {
        assertThat(CliRun.of("names").exit()).isEqualTo(2);
        assertThat(CliRun.of("names", "--postfix", "a", "--sendmail", "b").exit()).isEqualTo(2);
        assertThat(CliRun.of("names", "--postfix", "a", "--format", "xml").exit()).isEqualTo(2);
        assertThat(CliRun.of("names", "--postfix", "a", "--bogus", "x").err()).contains("unknown option --bogus");
        assertThat(CliRun.of("names", "--postfix", tmp.resolve("missing").toString()).exit()).isEqualTo(2);
    }
}

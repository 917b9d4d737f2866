package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exit codes and messages for input the commands cannot use (issue 12, part 6): every one is exit 2
 * with a message that says what is wrong, names the file (and the byte offset for bad bytes), and
 * quotes nothing of a file.
 */
class CliInputTest {

    private static final String DEMO = "config-samples/demo";

    @TempDir
    Path tmp;

    @Test
    void namesOnSomethingItCannotReadIsAUsageError() throws Exception {
        CliRun dir = CliRun.of("names", "--postfix", tmp.toString());
        assertThat(dir.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(dir.err()).contains(tmp.resolve("main.cf") + ": no such file");
        Path locked = Files.writeString(tmp.resolve("locked.cf"), "myhostname = a.example.com\n");
        CliRun sendmailDir = CliRun.of("names", "--sendmail", tmp.toString());
        assertThat(sendmailDir.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(sendmailDir.err()).contains(tmp + ": is a directory, not a file");
        CliRun missing = CliRun.of("names", "--sendmail", tmp.resolve("nope.cf").toString());
        assertThat(missing.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(missing.err()).contains("nope.cf: no such file");
        assertThat(CliRun.of("names", "--postfix", locked.toString()).exit()).isZero();
    }

    @Test
    void invalidUtf8IsNamedWithFileAndByteOffset() throws Exception {
        Path cf = tmp.resolve("main.cf");
        Files.write(cf, new byte[] {'m', 'y', 'h', 'o', 's', 't', 'n', 'a', 'm', 'e', '=', 'a', '\n', 'x', (byte) 0xc3, '\n'});
        CliRun run = CliRun.of("names", "--postfix", cf.toString());
        assertThat(run.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(run.err()).contains(cf + ": not valid UTF-8 at byte offset 14 (line 2)").doesNotContain("Input length");
        Path sendmail = tmp.resolve("sendmail.cf");
        Files.write(sendmail, new byte[] {'C', 'w', (byte) 0xff});
        CliRun sm = CliRun.of("names", "--sendmail", sendmail.toString());
        assertThat(sm.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(sm.err()).contains(sendmail + ": not valid UTF-8 at byte offset 2 (line 1)");
        Path inventory = tmp.resolve("inventory.yml");
        Files.write(inventory, new byte[] {'s', 'i', 't', 'e', ':', ' ', (byte) 0xfe, '\n'});
        CliRun check = CliRun.of("check", "--inventory", inventory.toString());
        assertThat(check.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(check.err()).contains(inventory + ": cannot read: not valid UTF-8 at byte offset 6 (line 1)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--address=999.1.1.1", "--hostname=a b<", "--files-root=/nonexistent", "--files-root=FILE"})
    void namesRefusesOptionsThatMeanNothing(String option) throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x\n");
        CliRun run = CliRun.of("names", "--postfix", DEMO + "/mailhub", option.replace("FILE", file.toString()));
        assertThat(run.exit()).as(run.out()).isEqualTo(MaildriftCli.USAGE);
        assertThat(run.err()).containsAnyOf("is not an IPv4 or IPv6 address", "is not a DNS name", "no such directory",
                "is not a directory");
    }

    @Test
    void dnsRefusesANameThatIsNotOneAndATimeoutThatIsNotANumber() {
        CliRun name = CliRun.of("dns", "a..b", "--zone", DEMO + "/zones/example.com.zone");
        assertThat(name.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(name.err()).contains("NAME: 'a..b' is not a DNS name");
        CliRun timeout = CliRun.of("dns", "ml.example.com", "--server", "127.0.0.1", "--timeout", "abc");
        assertThat(timeout.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(timeout.err()).contains("--timeout is a whole number of milliseconds, not 'abc'")
                .doesNotContain("NumberFormatException");
    }

    @Test
    void checkRefusesANegativeTimeout() {
        CliRun run = CliRun.of("check", "--inventory", DEMO + "/inventory.yml", "--timeout", "-5");
        assertThat(run.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(run.err()).contains("--timeout must be from 1 to 600000 milliseconds");
    }

    @Test
    void anEmptyProposedZoneIsRefused() throws Exception {
        Path empty = Files.writeString(tmp.resolve("example.com.zone"), "");
        CliRun run = CliRun.of("precheck", "--inventory", DEMO + "/inventory.yml", "--proposed-zone", empty.toString());
        assertThat(run.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(run.err()).contains("the proposed zone has no records");
    }

    @Test
    void aProposedZoneIncludesNothingOutsideItsFolder() throws Exception {
        Path zone = Files.writeString(tmp.resolve("example.com.zone"),
                "$TTL 300\n@ IN SOA ns1 hostmaster 1 2 3 4 5\n\"$INCLUDE\" /proc/self/environ\n");
        CliRun run = CliRun.of("precheck", "--inventory", DEMO + "/inventory.yml", "--proposed-zone", zone.toString());
        assertThat(run.exit()).isEqualTo(MaildriftCli.USAGE);
        assertThat(run.err()).contains(zone + ":3: $INCLUDE '/proc/self/environ' refused")
                .doesNotContain("PATH=").doesNotContain("HOME=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"names", "dns", "check", "precheck"})
    void helpOnAnyCommandIsTheUsage(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("usage:").contains("maildrift " + command);
        assertThat(run.err()).isEmpty();
    }
}

package org.maildrift.dns.zonefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maildrift.dns.model.RecordType;

/**
 * {@code $INCLUDE} is decided by the parser that understands it: quoted and parenthesised directives are
 * the same directive, zone text from a request includes nothing, and a zone file includes only regular
 * files inside its own folder after links are followed. No message quotes a file outside the zone.
 */
class ZoneIncludeConfinementTest {

    private static final String HEAD = "$TTL 300\n@ IN SOA ns1 hostmaster 1 2 3 4 5\n@ IN NS ns1\nns1 IN A 192.0.2.1\n";

    @ParameterizedTest
    @ValueSource(strings = {
        "\"$INCLUDE\" /proc/self/environ",
        "\"$INCLUDE\" \"/proc/self/environ\"",
        "( $INCLUDE /etc/passwd )",
        "$include /etc/passwd",
        "$INCLUDE \"/etc/passwd\" example.com.",
        "$INCLUDE /dev/zero"})
    void zoneTextFromARequestIncludesNothingWhateverItsSpelling(String directive) {
        assertThatThrownBy(() -> ZoneFileReader.readText("zone example.com", HEAD + directive + "\n", "example.com"))
                .isInstanceOfSatisfying(ZoneFileException.class, e -> {
                    assertThat(e.file()).isEqualTo("zone example.com");
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("$INCLUDE is not allowed in a zone sent as text");
                    assertNothingOfTheServerQuoted(e.getMessage());
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"$INCLUDE\" /proc/self/environ",
        "\"$INCLUDE\" \"/etc/passwd\"",
        "( $INCLUDE /etc/passwd )",
        "$INCLUDE ../outside.zone",
        "$INCLUDE /dev/zero"})
    void aZoneFileIncludesNothingOutsideItsFolder(String directive, @TempDir Path dir) throws Exception {
        Path zones = Files.createDirectories(dir.resolve("zones"));
        Files.writeString(dir.resolve("outside.zone"), "secret IN TXT \"do-not-show\"\n");
        Path zone = Files.writeString(zones.resolve("example.com.zone"), HEAD + directive + "\n");
        assertThatThrownBy(() -> ZoneFileReader.read(zone, null))
                .isInstanceOfSatisfying(ZoneFileException.class, e -> {
                    assertThat(e.file()).isEqualTo(zone.toString());
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.getMessage()).containsAnyOf("only files inside the zone file's folder",
                            "not a regular file");
                    assertThat(e.getMessage()).doesNotContain("do-not-show");
                    assertNothingOfTheServerQuoted(e.getMessage());
                });
    }

    @Test
    void aLinkBesideTheZoneFileIsFollowedBeforeItIsJudged(@TempDir Path dir) throws Exception {
        Path zones = Files.createDirectories(dir.resolve("zones"));
        Files.createSymbolicLink(zones.resolve("passwd.inc"), Path.of("/etc/passwd"));
        Path zone = Files.writeString(zones.resolve("example.com.zone"), HEAD + "$INCLUDE passwd.inc\n");
        assertThatThrownBy(() -> ZoneFileReader.read(zone, null))
                .isInstanceOfSatisfying(ZoneFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("'passwd.inc' refused");
                    assertNothingOfTheServerQuoted(e.getMessage());
                });
    }

    /** A directive must start its line; indented, the line is a record of the previous owner (as in BIND). */
    @Test
    void anIndentedIncludeIsARecordOfThePreviousOwner() {
        assertThatThrownBy(() -> ZoneFileReader.readText("zone example.com", HEAD + "  \t$INCLUDE /etc/passwd\n",
                "example.com"))
                .isInstanceOfSatisfying(ZoneFileException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("zone example.com:5: unknown record type '$INCLUDE'");
                });
    }

    @Test
    void aDeviceIsNotAZoneFile() {
        assertThatThrownBy(() -> ZoneFileReader.read(Path.of("/dev/zero"), "example.com"))
                .isInstanceOfSatisfying(ZoneFileException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("/dev/zero: zone file is not a regular file"
                                + " (a device, pipe or socket)"));
    }

    @Test
    void includesInsideTheFolderAreReadWithTheirOwnOrigin(@TempDir Path dir) throws Exception {
        Path zones = Files.createDirectories(dir.resolve("zones/parts"));
        Files.writeString(zones.resolve("hosts.inc"), "mail IN A 192.0.2.25\n\"$INCLUDE\" deeper.inc\n");
        Files.writeString(zones.resolve("deeper.inc"), "lists IN CNAME mail.example.com.\n");
        Files.writeString(zones.resolve("sub.inc"), "www IN A 192.0.2.80\n");
        Path zone = Files.writeString(dir.resolve("zones/example.com.zone"), HEAD
                + "( $INCLUDE parts/hosts.inc )\n$INCLUDE parts/sub.inc sub.example.com.\nafter IN A 192.0.2.99\n");
        ZoneFileDnsObserver dns = new ZoneFileDnsObserver(java.util.List.of(ZoneFileReader.read(zone, null)));
        assertThat(dns.lookup("mail.example.com", RecordType.A).records()).containsExactly("192.0.2.25");
        assertThat(dns.lookup("lists.example.com", RecordType.A).records()).containsExactly("192.0.2.25");
        assertThat(dns.lookup("www.sub.example.com", RecordType.A).records()).containsExactly("192.0.2.80");
        // the outer file's origin is its own again after an include that set another
        assertThat(dns.lookup("after.example.com", RecordType.A).records()).containsExactly("192.0.2.99");
    }

    @Test
    void anIncludeLoopIsNamedNotFollowed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.inc"), "$INCLUDE b.inc\n");
        Files.writeString(dir.resolve("b.inc"), "$INCLUDE a.inc\n");
        Path zone = Files.writeString(dir.resolve("example.com.zone"), HEAD + "$INCLUDE a.inc\n");
        assertThatThrownBy(() -> ZoneFileReader.read(zone, null))
                .isInstanceOfSatisfying(ZoneFileException.class, e -> {
                    assertThat(e.file()).endsWith("b.inc");
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("$INCLUDE loop");
                });
    }

    @Test
    void aNulByteIsReportedOnItsLine(@TempDir Path dir) throws Exception {
        Path zone = Files.writeString(dir.resolve("example.com.zone"), HEAD + "x IN A 192.0.2.7\ny IN TXT \"a\0b\"\n");
        assertThatThrownBy(() -> ZoneFileReader.read(zone, null))
                .isInstanceOfSatisfying(ZoneFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(6);
                    assertThat(e.getMessage()).endsWith("NUL byte in zone file");
                });
    }

    @Test
    void aBadTokenIsQuotedShortAndPrintable() {
        String hostile = "x IN " + "\u001b[31m" + "Q".repeat(5000) + " 1\n";
        assertThatThrownBy(() -> ZoneFileReader.readText("zone example.com", HEAD + hostile, "example.com"))
                .isInstanceOfSatisfying(ZoneFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("unknown record type '\\x1b[31mQQQ").doesNotContain("\u001b")
                            .hasSizeLessThan(200);
                });
    }

    private static void assertNothingOfTheServerQuoted(String message) {
        assertThat(message).doesNotContain("root:").doesNotContain("PATH=").doesNotContain("HOME=")
                .doesNotContain("JAVA_HOME");
    }
}

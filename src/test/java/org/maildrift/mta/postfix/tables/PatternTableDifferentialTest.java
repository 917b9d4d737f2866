package org.maildrift.mta.postfix.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.maildrift.testsupport.Peers;

/**
 * regexp_table(5), pcre_table(5) and cidr_table(5) against the real {@code postmap -q} (pcre through
 * Debian postfix-pcre): whether a key is found, and with which result, for each table and key below
 * (flags, negation, nested if/endif, continuation lines, comments).
 */
class PatternTableDifferentialTest {

    static final String PATTERNS = """
            # hosted domains
            /^(mail\\.)?example\\.com$/     OK
            !/\\.(com|org|net)$/           NOT-A-GTLD
            if /\\.hosting\\.test$/
            if !/^inactive\\./
            /./                          HOSTED
            endif
            endif
            /^UPPER\\.test$/i              CASE-SENSITIVE
            /^lower\\.test$/               DEFAULT
            /^multi
              line\\.test$/                SPLIT
            """;

    static final List<String> KEYS = List.of("example.com", "mail.example.com", "other.example.com", "example.museum",
            "active.hosting.test", "inactive.hosting.test", "upper.test", "UPPER.test", "lower.test", "LOWER.TEST",
            "multi line.test", "multiline.test", "plain.org");

    static final String CIDR = """
            192.0.2.0/24     NET
            198.51.100.7     ONE
            [2001:db8::]/32  SIX
            """;

    @Test
    void regexpAndPcreAnswerLikePostmap() throws Exception {
        List<String> disagreements = new ArrayList<>();
        int found = 0;
        for (String type : List.of("regexp", "pcre")) {
            Path postmap = Peers.postmap(type);
            Path dir = Files.createDirectories(Path.of("target", "differential", "pattern-tables").toAbsolutePath());
            Path file = dir.resolve(type + ".tbl");
            Files.writeString(file, PATTERNS);
            TableLookup ours = PatternTables.parse(type, file.toString(), PATTERNS);
            for (String key : KEYS) {
                TableAnswer real = PostmapHarness.query(postmap, type, file, key);
                TableAnswer mine = ours.lookup(key);
                found += real.kind() == TableAnswer.Kind.FOUND ? 1 : 0;
                if (!PostmapHarness.summary(real).equals(PostmapHarness.summary(mine))) {
                    disagreements.add(type + " key " + key + ": postmap " + PostmapHarness.summary(real) + " ["
                            + real.detail() + "], maildrift " + PostmapHarness.summary(mine));
                }
            }
        }
        System.out.printf("regexp/pcre tables: %d of %d lookups agree with postmap -q (%d found)%n",
                2 * KEYS.size() - disagreements.size(), 2 * KEYS.size(), found);
        assertThat(found).isGreaterThan(4);
        assertThat(disagreements).isEmpty();
    }

    @Test
    void cidrMatchesAddressesNeverNames() throws Exception {
        Path postmap = Peers.postmap("cidr");
        Path file = Files.createDirectories(Path.of("target", "differential", "pattern-tables").toAbsolutePath())
                .resolve("t.cidr");
        Files.writeString(file, CIDR);
        TableLookup ours = PatternTables.parse("cidr", file.toString(), CIDR);
        for (String key : List.of("192.0.2.9", "198.51.100.7", "198.51.100.8", "2001:db8::1", "example.com")) {
            assertThat(PostmapHarness.summary(ours.lookup(key))).as(key)
                    .isEqualTo(PostmapHarness.summary(PostmapHarness.query(postmap, "cidr", file, key)));
        }
    }

    @Test
    void refusesWhatPostfixRefusesWithFileAndLine() {
        assertThatThrownBy(() -> PatternTables.parse("regexp", "/etc/postfix/d.re", "/a/ OK\n/b( OK\n"))
                .hasMessageStartingWith("/etc/postfix/d.re:2: no closing");
        assertThatThrownBy(() -> PatternTables.parse("regexp", "/etc/postfix/d.re", "/a/\n"))
                .hasMessageStartingWith("/etc/postfix/d.re:1: no result");
        assertThatThrownBy(() -> PatternTables.parse("pcre", "/etc/postfix/d.re", "endif\n"))
                .hasMessageStartingWith("/etc/postfix/d.re:1: endif without if");
        assertThatThrownBy(() -> PatternTables.parse("pcre", "/etc/postfix/d.re", "/(/ OK\n"))
                .hasMessageStartingWith("/etc/postfix/d.re:1: the pattern does not compile");
    }
}

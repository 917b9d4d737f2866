package org.maildrift.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Rules and their evidence speak of address classes and a host's own name; what an MTA calls them
 * (mydestination, class w, myhostname, $j …) comes from the MTA's {@code MtaDialect}. A new MTA then
 * needs no edit to a rule. Comments may still name settings, string literals may not.
 */
class RulesNameNoMtaSettingTest {

    private static final Pattern SETTING = Pattern.compile("mydestination|myhostname|class w|\\$j|virtual_alias_domains"
            + "|virtual_mailbox_domains|relay_domains|\\bCw|\\bDj");
    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\\n]++|\\\\.)*+\"");

    @Test
    void noRuleSourceNamesAnMtaSettingInItsCode() throws Exception {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/maildrift/rules"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Matcher m = LITERAL.matcher(code);
                while (m.find()) {
                    if (SETTING.matcher(m.group()).find()) {
                        found.add(f.getFileName() + ": " + m.group());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}

package org.maildrift.mta.aliases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.maildrift.mta.model.MailAliases;

/** aliases(5) as Postfix's postalias and sendmail's newaliases read it. */
class AliasFilesTest {

    @Test
    void readsContinuationsQuotesCommentsAndTheFirstDefinition() {
        Map<String, MailAliases.Entry> e = AliasFiles.parse("""
                # comment: not an entry
                Postmaster: root
                root: admin@example.org,
                  "|/usr/bin/procmail -a x", "/var/mail/with space"
                postmaster: somebody-else
                lists: :include:/etc/mail/lists
                broken line without colon
                "quoted name": bob
                """, "/etc/aliases");
        assertThat(e.keySet()).containsExactly("postmaster", "root", "lists", "quoted name");
        assertThat(e.get("postmaster").targets()).containsExactly("root");
        assertThat(e.get("postmaster").line()).isEqualTo(2);
        assertThat(e.get("root").targets()).containsExactly("admin@example.org", "|/usr/bin/procmail -a x",
                "/var/mail/with space");
        assertThat(e.get("lists").targets()).containsExactly(":include:/etc/mail/lists");
        assertThat(e.get("quoted name").targets()).containsExactly("bob");
    }

    @Test
    void hostileTextNeverThrows() {
        for (String t : List.of("", ":", "::::", "\"", "a:\"", "\n\t x: y", "\u0000:\u0000", "a: ,,, ,")) {
            assertThat(AliasFiles.parse(t, "f")).isNotNull();
        }
        assertThat(AliasFiles.parse("a: ,,, ,", "f").get("a").targets()).isEmpty();
    }
}

package org.maildrift.rules.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mta.aliases.AliasFiles;
import org.maildrift.mta.model.MailAliases;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class PostmasterReachesSomeoneTest {

    private static final String RULE = "postmaster-reaches-nobody";

    @TempDir
    Path tmp;

    @Test
    void reportsPostmasterToDevNullAndWhatFollowsIt() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        // postmaster itself, MAILER-DAEMON (an alias of postmaster), and Postfix's error notices (to postmaster)
        assertThat(found).extracting(Finding::subject).containsExactlyInAnyOrder("postmaster@lists.example.com",
                "mailer-daemon@lists.example.com");
        Finding postmaster = found.stream().filter(f -> f.subject().startsWith("postmaster@")).findFirst().orElseThrow();
        assertThat(postmaster.message()).contains("receives the MTA's notices (error_notice_recipient = postmaster");
        assertThat(postmaster.fix()).contains("replace line 2 of /etc/aliases");
    }

    @Test
    void staysSilentWhenEveryNameReachesAMailbox() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }

    private static MailAliases aliases(String text, Set<String> users, Map<String, List<String>> includes) {
        return new MailAliases(true, List.of("/etc/aliases"), AliasFiles.parse(text, "/etc/aliases"), includes, users,
                Map.of("/etc/mail/unreadable", "file not found under files-root: /etc/mail/unreadable"));
    }

    @Test
    void loopsUnknownUsersAndEmptyIncludesReachNobody() {
        AliasReach r = new AliasReach(aliases("postmaster: admins\nadmins: postmaster\nabuse: nosuchuser\n"
                + "root: :include:/etc/mail/root.list\nlists: :include:/etc/mail/unreadable\nbob: \\bob, bob@example.net\n",
                Set.of("root", "bob"), Map.of("/etc/mail/root.list", List.of())));
        assertThat(r.resolve("postmaster")).extracting(AliasReach.Leaf::kind).containsExactly(AliasReach.Kind.LOOP);
        assertThat(r.resolve("abuse")).extracting(AliasReach.Leaf::kind).containsExactly(AliasReach.Kind.UNKNOWN_USER);
        assertThat(r.resolve("root")).extracting(AliasReach.Leaf::kind).containsExactly(AliasReach.Kind.EMPTY);
        assertThat(r.resolve("lists")).extracting(AliasReach.Leaf::kind).containsExactly(AliasReach.Kind.UNREADABLE);
        assertThat(r.resolve("bob")).extracting(AliasReach.Leaf::kind)
                .containsExactly(AliasReach.Kind.MAILBOX, AliasReach.Kind.EXTERNAL);
        assertThat(r.resolve("MAILER-DAEMON")).extracting(AliasReach.Leaf::kind)
                .containsExactly(AliasReach.Kind.UNKNOWN_USER);
    }
}

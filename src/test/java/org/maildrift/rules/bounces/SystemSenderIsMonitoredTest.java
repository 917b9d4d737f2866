package org.maildrift.rules.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;

class SystemSenderIsMonitoredTest {

    private static final String RULE = "system-sender-unmonitored";

    @TempDir
    Path tmp;

    @Test
    void reportsSendersThatEndInTheirOwnMailbox() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).extracting(Finding::subject).containsExactly("listapp@lists.example.com",
                "root@lists.example.com");
        Finding root = found.get(1);
        assertThat(root.host()).isEqualTo("lists");
        assertThat(root.message()).contains("system mail from lists is sent as root@lists.example.com",
                "the local mailbox of root on lists, which no alias leads to a person");
        assertThat(root.evidence()).contains("lists sends its system mail as USER@lists.example.com (myorigin = "
                + "lists.example.com (Postfix default)); its system senders: root, listapp");
        assertThat(root.fix()).startsWith("add to /etc/aliases on lists \"root: ADDRESS\"");
        Finding app = found.get(0);
        // listapp is an alias of root: the chain is shown, and the fix is root's alias, where the chain ends
        assertThat(app.evidence()).contains("listapp (/etc/aliases:5) → root: the local mailbox of root");
        assertThat(app.fix()).isEqualTo(root.fix());
    }

    @Test
    void staysSilentWhenTheSendersAreAliasedToAPerson() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
        // an alias to another local user counts as a person; so do a program (a ticket system) and a file
        assertThat(RuleTesting.findingsIn(RULE, estate("", "root: alice\n"), tmp)).isEmpty();
        assertThat(RuleTesting.findingsIn(RULE, estate("", "root: \"|/usr/bin/ticket-intake\"\n"), tmp)).isEmpty();
    }

    @Test
    void reportsAnApplicationAccountWhoseMailIsThrownAway() throws Exception {
        String text = estate("", "root: admin@example.net\nlistapp: /dev/null\n").replace(
                "    files-root: lists/root\n", "    files-root: lists/root\n    system-senders: [listapp]\n");
        assertThat(RuleTesting.findingsIn(RULE, text, tmp)).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("listapp@lists.example.com");
            assertThat(f.message()).contains("replies and bounces to it reach nobody on lists");
            assertThat(f.evidence()).contains("listapp (/etc/aliases:3): /dev/null, where mail is thrown away");
            assertThat(f.fix()).startsWith("replace line 3 of /etc/aliases on lists by \"listapp: ADDRESS\"");
        });
    }

    /** The renamed host of the incident: myhostname still names SERVER01, which DNS no longer has. */
    @Test
    void reportsAnOriginThatDoesNotExist() throws Exception {
        List<Finding> found = RuleTesting.findingsIn(RULE, estate("myhostname = server01.example.com\n",
                "root: admin@example.net\n"), tmp);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("root@server01.example.com");
            assertThat(f.message()).contains("server01.example.com does not exist in DNS",
                    "replies and bounces to it cannot be delivered");
            assertThat(f.evidence()).contains("server01.example.com MX: nxdomain");
            assertThat(f.fix()).startsWith("give lists a name DNS has (myhostname, which myorigin follows), or set myorigin in lists/main.cf to a domain whose mail reaches a person");
        });
        // myorigin set explicitly: the fix names its line
        assertThat(RuleTesting.findingsIn(RULE, estate("myorigin = old.example.com\n", "root: admin@example.net\n"),
                tmp)).singleElement().satisfies(f -> assertThat(f.fix()).startsWith("set myorigin (lists/main.cf:5)"));
        assertThat(RuleTesting.findingsIn(RULE, estate("myorigin = server01\n", "root: admin@example.net\n"), tmp))
                .singleElement().satisfies(f -> assertThat(f.message())
                        .contains("server01 is not a fully qualified domain name"));
    }

    /** myorigin = $mydomain: bounces go to the domain's MX, another inventory host, whose aliases decide. */
    @Test
    void followsTheOriginToTheHostItsMailReaches() throws Exception {
        String hub = "root: \\root\n";
        List<Finding> found = RuleTesting.findingsIn(RULE, twoHosts(hub), tmp);
        // the hub's own system mail (root@hub.example.com) ends in the same mailbox
        assertThat(found).extracting(Finding::subject).containsExactly("root@example.com", "root@hub.example.com");
        assertThat(found.get(0)).satisfies(f -> {
            assertThat(f.host()).isEqualTo("hub");
            assertThat(f.subject()).isEqualTo("root@example.com");
            assertThat(f.message()).contains("system mail from lists is sent as root@example.com",
                    "the local mailbox of root on hub");
            assertThat(f.evidence()).contains("example.com MX 10 hub.example.com");
            assertThat(f.fix()).startsWith("replace line 1 of /etc/aliases on hub by \"root: ADDRESS\"");
        });
        assertThat(RuleTesting.findingsIn(RULE, twoHosts("root: admin@example.net\n"), tmp)).isEmpty();
    }

    @Test
    void saysNothingOfADomainWhoseMailLeavesTheEstate() throws Exception {
        // example.com's MX is a provider outside the inventory: its mailboxes are not ours to read
        assertThat(RuleTesting.findingsIn(RULE, estate("myorigin = $mydomain\n", "", "@ IN MX 10 mx.provider.net.\n"),
                tmp)).isEmpty();
    }

    @Test
    void aLookupThatCannotBeAnsweredIsInconclusive() throws Exception {
        // no loaded zone covers example.org: unknown, never "does not exist"
        CheckReport report = RuleTesting.check(estate("myorigin = example.org\n", ""), tmp);
        assertThat(report.findings()).noneMatch(f -> f.rule().equals(RULE));
        assertThat(report.inconclusive()).anyMatch(i -> i.name().contains("example.org"));
    }

    @Test
    void leavesRootThatReachesNobodyToThePostmasterRule() throws Exception {
        CheckReport report = RuleTesting.check(estate("", "root: /dev/null\n"), tmp);
        assertThat(report.findings()).noneMatch(f -> f.rule().equals(RULE))
                .anyMatch(f -> f.rule().equals("postmaster-reaches-nobody") && f.subject().startsWith("root@"));
    }

    @Test
    void readsSendmailsOwnName() throws Exception {
        String text = estate("", "").replace("mta: postfix", "mta: sendmail").replace("config: lists/main.cf",
                "config: lists/sendmail.cf") + "--- lists/sendmail.cf\nV10/Berkeley\nDjlists.example.com\n"
                + "Cwlists.example.com\nO AliasFile=/etc/mail/aliases\n--- lists/root/etc/mail/aliases\n"
                + "postmaster: root\n";
        assertThat(RuleTesting.findingsIn(RULE, text, tmp)).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("root@lists.example.com");
            assertThat(f.evidence()).anyMatch(e -> e.contains("($j = lists.example.com"));
            assertThat(f.fix()).startsWith("add to /etc/mail/aliases on lists");
        });
    }

    private static String estate(String mainCf, String aliases) {
        return estate(mainCf, aliases, "@ IN MX 10 lists\n");
    }

    private static String estate(String mainCf, String aliases, String zone) {
        return """
                # system senders
                --- inventory.yml
                dns:
                  zone-files: [example.com.zone]
                hosts:
                  - id: lists
                    hostname: lists.example.com
                    addresses: [192.0.2.20]
                    mta: postfix
                    config: lists/main.cf
                    files-root: lists/root
                watch:
                  domains: [example.com]
                --- example.com.zone
                $ORIGIN example.com.
                $TTL 300
                @            IN SOA  ns1 hostmaster 1 3600 600 86400 300
                             IN NS   ns1
                ns1          IN A    192.0.2.53
                lists        IN A    192.0.2.20
                """ + zone + "--- lists/main.cf\ncompatibility_level = 3.6\nmyhostname = lists.example.com\n"
                + "mydestination = $myhostname, $mydomain, localhost\nalias_maps = hash:/etc/aliases\n" + mainCf
                + "--- lists/root/etc/aliases\npostmaster: root\n" + aliases;
    }

    private static String twoHosts(String hubAliases) {
        return """
                # system senders
                --- inventory.yml
                dns:
                  zone-files: [example.com.zone]
                hosts:
                  - id: hub
                    hostname: hub.example.com
                    addresses: [192.0.2.10]
                    mta: postfix
                    config: hub/main.cf
                    files-root: hub/root
                  - id: lists
                    hostname: lists.example.com
                    addresses: [192.0.2.20]
                    mta: postfix
                    config: lists/main.cf
                    files-root: lists/root
                watch:
                  domains: [example.com]
                --- example.com.zone
                $ORIGIN example.com.
                $TTL 300
                @            IN SOA  ns1 hostmaster 1 3600 600 86400 300
                             IN NS   ns1
                             IN MX   10 hub
                ns1          IN A    192.0.2.53
                hub          IN A    192.0.2.10
                lists        IN A    192.0.2.20
                --- hub/main.cf
                compatibility_level = 3.6
                myhostname = hub.example.com
                mydestination = $myhostname, $mydomain, localhost
                alias_maps = hash:/etc/aliases
                --- hub/root/etc/aliases
                """ + hubAliases + """
                --- lists/main.cf
                compatibility_level = 3.6
                myhostname = lists.example.com
                myorigin = $mydomain
                mydestination = $myhostname, localhost
                relayhost = [hub.example.com]
                alias_maps = hash:/etc/aliases
                --- lists/root/etc/aliases
                root: admin@example.net
                """;
    }
}

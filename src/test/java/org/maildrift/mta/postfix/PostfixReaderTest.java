package org.maildrift.mta.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.Verdict;

class PostfixReaderTest {

    @TempDir
    Path tmp;

    private static HostNames read(String mainCf) {
        return read(mainCf, FilesRoot.none());
    }

    private static HostNames read(String mainCf, FilesRoot files) {
        return PostfixReader.read(MainCfParser.parse("main.cf", mainCf),
                PostfixReader.Host.of("server01.example.com", List.of("192.0.2.20")), files, "/etc/postfix");
    }

    @Test
    void asksATableAboutEachDomainAndRelayDomainsAboutItsParents() {
        org.maildrift.mta.postfix.tables.AgentTableAnswers answers = org.maildrift.mta.postfix.tables.AgentTableAnswers
                .parse("mysql:/etc/postfix/relay.cf\texample.com\tfound\tOK\n"
                        + "mysql:/etc/postfix/relay.cf\tsub.example.com\tnot-found\n"
                        + "mysql:/etc/postfix/boxes.cf\tbox.example\tfound\tbox.example\n"
                        + "mysql:/etc/postfix/boxes.cf\tsub.box.example\tnot-found\n"
                        + "mysql:/etc/postfix/boxes.cf\tgone.example\tnot-found\n"
                        + "mysql:/etc/postfix/relay.cf\tgone.example\tnot-found\n"
                        + "mysql:/etc/postfix/relay.cf\texample\tnot-found\n");
        HostNames names = PostfixReader.read(MainCfParser.parse("main.cf", """
                myhostname = mx.example.net
                mydestination = $myhostname
                relay_domains = proxy:mysql:/etc/postfix/relay.cf
                virtual_mailbox_domains = mysql:/etc/postfix/boxes.cf
                """), new PostfixReader.Host("mx", List.of(), answers), FilesRoot.none(), "/etc/postfix");
        assertThat(names.accepts("sub.example.com").addressClass()).isEqualTo(AddressClass.RELAY);
        assertThat(names.accepts("box.example").addressClass()).isEqualTo(AddressClass.VIRTUAL_MAILBOX);
        // virtual_mailbox_domains matches exactly, and an unasked name is not a "no"
        assertThat(names.accepts("sub.box.example").verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(names.accepts("gone.example").verdict()).isEqualTo(Verdict.NO);
        assertThat(names.accepts("gone.example").reason()).contains("not found in the virtual-mailbox table")
                .contains("the relay table");
        assertThat(names.unresolved()).isEmpty();
    }

    @Test
    void tracesEachAcceptedNameToTheLineThatDefinesIt() {
        HostNames names = read("""
                # list server
                mydomain = example.com
                myhostname = SERVER01.example.com
                mydestination = $myhostname, localhost.$mydomain, localhost, ML.example.com
                """);
        AcceptedName host = names.accepted().stream().filter(a -> a.name().equals("server01.example.com")).findFirst()
                .orElseThrow();
        assertThat(host.addressClass()).isEqualTo(AddressClass.LOCAL);
        assertThat(host.source().describe()).isEqualTo("mydestination → $myhostname → myhostname (main.cf:3)");
        AcceptedName ml = names.accepted().stream().filter(a -> a.name().equals("ml.example.com")).findFirst()
                .orElseThrow();
        assertThat(ml.source().describe()).isEqualTo("mydestination (main.cf:4)");
    }

    @Test
    void acceptsTheAliasButNotTheNewCanonicalNameAfterARename() {
        HostNames names = read("""
                myhostname = SERVER01.example.com
                mydestination = $myhostname, localhost, ML.example.com
                """);
        assertThat(names.accepts("ML.example.com").verdict()).isEqualTo(Verdict.YES);
        assertThat(names.accepts("NEWSERVER01.example.com").verdict()).isEqualTo(Verdict.NO);
        assertThat(names.accepts("ml.example.com.").verdict()).isEqualTo(Verdict.YES);
        assertThat(names.accepts("ml.example.com..").verdict()).isEqualTo(Verdict.NO);
        assertThat(names.canonicalizesRecipients()).isFalse();
    }

    @Test
    void usesTheDefaultMydestinationBuiltFromTheHostName() {
        HostNames names = read("");
        assertThat(names.accepted()).extracting(AcceptedName::name)
                .contains("server01.example.com", "localhost.example.com", "localhost");
        assertThat(names.accepts("[192.0.2.20]").verdict()).isEqualTo(Verdict.YES);
        assertThat(names.accepts("[192.0.2.21]").verdict()).isEqualTo(Verdict.NO);
    }

    @Test
    void readsVirtualDomainsFromATableSourceUnderTheFilesRoot() throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc/postfix"));
        Files.writeString(root.resolve("etc/postfix/virtual"), """
                # virtual aliases
                Lists.Example.org   anything
                info@lists.example.org   list-owner
                """);
        HostNames names = read("""
                myhostname = mx.example.com
                virtual_alias_maps = hash:/etc/postfix/virtual
                """, FilesRoot.at(root));
        assertThat(names.accepts("lists.example.org").addressClass()).isEqualTo(AddressClass.VIRTUAL_ALIAS);
        AcceptedName v = names.accepted().stream().filter(a -> a.name().equals("lists.example.org")).findFirst()
                .orElseThrow();
        assertThat(v.source().file()).isEqualTo("/etc/postfix/virtual");
        assertThat(v.source().line()).isEqualTo(2);
        assertThat(v.source().describe()).contains("virtual_alias_domains", "$virtual_alias_maps");
    }

    @Test
    void makesNotAcceptedInconclusiveWhenATableCannotBeRead() {
        HostNames names = read("""
                myhostname = mx.example.com
                mydestination = $myhostname, ldap:/etc/postfix/ldap-domains.cf
                """);
        assertThat(names.unresolved()).singleElement()
                .satisfies(u -> assertThat(u.reference()).isEqualTo("ldap:/etc/postfix/ldap-domains.cf"));
        assertThat(names.accepts("mx.example.com").verdict()).isEqualTo(Verdict.YES);
        assertThat(names.accepts("other.example.com").verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void neverReadsTheCheckersOwnFilesWithoutAFilesRoot() {
        HostNames names = read("""
                myhostname = mx.example.com
                mydestination = /etc/hostname, /etc/passwd
                """);
        assertThat(names.unresolved()).hasSize(2)
                .allSatisfy(u -> assertThat(u.reason()).contains("no files-root"));
        assertThat(names.accepted()).extracting(AcceptedName::name).doesNotContain("root");
    }

    @Test
    void refusesPathsThatLeaveTheFilesRoot() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("r2"));
        Files.writeString(tmp.resolve("secret"), "secret.example\n");
        HostNames names = read("""
                myhostname = mx.example.com
                mydestination = /../secret, /etc/../../secret
                """, FilesRoot.at(root));
        assertThat(names.unresolved()).hasSize(2).allSatisfy(u -> assertThat(u.reason()).contains("'..'"));
        assertThat(names.accepts("secret.example").verdict()).isNotEqualTo(Verdict.YES);
    }

    @Test
    void reportsPatternsThatCanNeverMatch() {
        HostNames names = read("""
                myhostname = mx.example.com
                mydestination = $myhostname, example.net., .example.org, a.example # b.example
                """);
        assertThat(names.ineffective()).extracting(p -> p.pattern())
                .contains("example.net.", ".example.org", "# b.example");
        assertThat(names.accepts("b.example").verdict()).isEqualTo(Verdict.NO);
    }

    @Test
    void reportsWhatTheDaemonsWouldRefuseEvenThoughPostconfPrintsIt() {
        assertThat(read("myhostname = mx.example.com.\n").errors())
                .anyMatch(p -> p.message().contains("bad parameter value: mx.example.com."));
        assertThat(read("myhostname = mail.$mydomain\n").errors())
                .anyMatch(p -> p.message().contains("mydomain"));
        HostNames loop = read("loop_a = $loop_b\nloop_b = $loop_a\nmydestination = $loop_a\n");
        assertThat(loop.errors()).anyMatch(p -> p.message().contains("nesting"));
        assertThat(loop.accepts("anything.example").verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void boundsSelfMultiplyingMacros() {
        StringBuilder sb = new StringBuilder("l0 = lol\n");
        for (int i = 1; i <= 12; i++) {
            sb.append("l").append(i).append(" =");
            for (int k = 0; k < 10; k++) {
                sb.append(" $l").append(i - 1);
            }
            sb.append('\n');
        }
        sb.append("mydestination = $l12\n");
        HostNames names = read(sb.toString());
        assertThat(names.errors()).anyMatch(p -> p.message().contains("refusing") && p.line() > 0);
    }

    @Test
    void reportsNulBytesAndMissingEqualsWithFileAndLine() {
        HostNames nul = read("myhostname = a.example\nmydestination = x\0y\n");
        assertThat(nul.errors()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("main.cf");
            assertThat(p.line()).isEqualTo(2);
        });
        HostNames noEquals = read("myhostname = a.example\n\nmydestination example.com\n");
        assertThat(noEquals.errors()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("missing '='");
        });
    }

    @Test
    void matchesRelayDomainsWithParentStyleByDefault() {
        HostNames names = read("""
                myhostname = mx.example.com
                compatibility_level = 3.6
                relay_domains = !bad.relay.example, relay.example
                """);
        assertThat(names.accepts("sub.relay.example").addressClass()).isEqualTo(AddressClass.RELAY);
        assertThat(names.accepts("x.bad.relay.example").verdict()).isEqualTo(Verdict.NO);
        assertThat(names.accepts("xrelay.example").verdict()).isEqualTo(Verdict.NO);
        HostNames lateNegation = read("""
                myhostname = mx.example.com
                compatibility_level = 3.6
                relay_domains = relay.example, !bad.relay.example
                """);
        assertThat(lateNegation.accepts("x.bad.relay.example").verdict())
                .as("the first matching element decides; a later negation has no effect").isEqualTo(Verdict.YES);
    }

    /** An address named only by proxy_interfaces is credited to proxy_interfaces, not inet_interfaces (issue 14). */
    @Test
    void creditsEachListeningAddressToTheParameterThatNamesIt() {
        HostNames names = read("inet_interfaces = loopback-only\nproxy_interfaces = 198.51.100.7\n");
        AcceptedName proxy = names.accepted().stream().filter(a -> a.name().equals("[198.51.100.7]")).findFirst()
                .orElseThrow();
        assertThat(proxy.source().chain()).containsExactly("proxy_interfaces");
        assertThat(proxy.source().line()).isEqualTo(2);
        AcceptedName loopback = names.accepted().stream().filter(a -> a.name().equals("[127.0.0.1]")).findFirst()
                .orElseThrow();
        assertThat(loopback.source().chain()).containsExactly("inet_interfaces");
    }
}

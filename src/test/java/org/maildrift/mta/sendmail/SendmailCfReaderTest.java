package org.maildrift.mta.sendmail;

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

class SendmailCfReaderTest {

    @TempDir
    Path tmp;

    private HostNames read(String cf, FilesRoot files) {
        return SendmailCfReader.read("sendmail.cf", cf, SendmailHost.simple("server01.example.com",
                List.of("192.0.2.20")), files);
    }

    @Test
    void buildsClassWFromIdentityCwLinesFwFilesAndDj() throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc/mail"));
        Files.writeString(root.resolve("etc/mail/local-host-names"), """
                # names of this host
                ML.example.com
                lists.example.com second-word-ignored.example
                """);
        HostNames names = read("""
                V10/Berkeley
                Cwlocalhost
                Fw/etc/mail/local-host-names
                Djmx.corp.example
                O DontProbeInterfaces=true
                """, FilesRoot.at(root));
        assertThat(names.accepted()).extracting(AcceptedName::name).containsExactlyInAnyOrder(
                "server01.example.com", "[192.0.2.20]", "localhost", "ML.example.com", "lists.example.com",
                "mx.corp.example");
        AcceptedName ml = names.accepted().stream().filter(a -> a.name().equals("ML.example.com")).findFirst()
                .orElseThrow();
        assertThat(ml.source().describe()).isEqualTo("Fw → /etc/mail/local-host-names (/etc/mail/local-host-names:2)");
        assertThat(names.accepts("ml.EXAMPLE.com.").verdict()).isEqualTo(Verdict.YES);
        assertThat(names.warnings()).anyMatch(p -> p.message().contains("second-word-ignored.example"));
    }

    /** Debian's sendmail.cf reads local-host-names with {@code %[^\#]}: every word before a '#' (issue 14). */
    @Test
    void readsDebiansScanfSetFormatWordByWord() throws IOException {
        Path root = tmp.resolve("debian");
        Files.createDirectories(root.resolve("etc/mail"));
        Files.writeString(root.resolve("etc/mail/local-host-names"), "a.example\nb.example c.example\n"
                + "# comment.example\n  d.example\ne.example # trailing.example\n\nf.example\\g.example\n");
        Files.writeString(root.resolve("etc/mail/relay-domains"), "relay.example other.example\n");
        HostNames names = read("V10/Berkeley\nFw/etc/mail/local-host-names %[^\\#]\n"
                + "FR-o /etc/mail/relay-domains %[^\\#]\nO DontProbeInterfaces=true\n", FilesRoot.at(root));
        assertThat(names.unresolved()).isEmpty();
        assertThat(names.accepted()).extracting(AcceptedName::name).contains("a.example", "b.example",
                "c.example", "d.example", "e.example", "f.example", "relay.example", "other.example")
                .doesNotContain("comment.example", "trailing.example", "g.example", "#");
        assertThat(names.warnings()).noneMatch(p -> p.message().contains("only the first word"));
    }

    @Test
    void aScanfFormatItCannotModelStaysUnresolved() throws IOException {
        Files.createDirectories(tmp.resolve("etc/mail"));
        Files.writeString(tmp.resolve("etc/mail/local-host-names"), "a.example\n");
        HostNames names = read("V10/Berkeley\nFw/etc/mail/local-host-names %d\nO DontProbeInterfaces=true\n",
                FilesRoot.at(tmp));
        assertThat(names.unresolved()).singleElement()
                .satisfies(u -> assertThat(u.reason()).contains("scanf format not modelled by maildrift: %d"));
    }

    @Test
    void relaysForDomainsAndSubdomainsInClassR() {
        HostNames names = read("V10/Berkeley\nCRexample.org\nO DontProbeInterfaces=true\n", FilesRoot.none());
        assertThat(names.accepts("lists.Example.ORG").verdict()).isEqualTo(Verdict.YES);
        assertThat(names.accepts("lists.example.org").addressClass()).isEqualTo(AddressClass.RELAY);
        assertThat(names.accepts("example.org").reason()).contains("class R: example.org");
        assertThat(names.accepts("notexample.org").verdict()).isEqualTo(Verdict.NO);
        assertThat(names.accepted()).anyMatch(a -> a.name().equals("example.org")
                && a.addressClass() == AddressClass.RELAY);
    }

    @Test
    void accessMapMakesNotAcceptedInconclusive() {
        HostNames names = read("V10/Berkeley\nKaccess hash -T<TMPF> -o /etc/mail/access\n"
                + "O DontProbeInterfaces=true\n", FilesRoot.none());
        assertThat(names.accepts("server01.example.com").verdict()).isEqualTo(Verdict.YES);
        assertThat(names.accepts("other.example").verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(names.unresolved()).singleElement().satisfies(u -> {
            assertThat(u.reference()).isEqualTo("access map");
            assertThat(u.source().line()).isEqualTo(2);
        });
    }

    @Test
    void neverRunsProgramsNamedInFLines() throws IOException {
        Path marker = tmp.resolve("ran");
        HostNames names = read("Fw|/bin/touch " + marker + "\nFw\"|/bin/touch " + marker + "\"\n",
                FilesRoot.at(tmp));
        assertThat(Files.exists(marker)).isFalse();
        assertThat(names.unresolved()).hasSize(2).allSatisfy(u -> assertThat(u.reason()).contains("never runs"));
        assertThat(names.accepts("anything.example").verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void knowsWhetherRecipientDomainsAreCanonicalized() {
        String canonify = "S96\nR$* $| $* < @ $* > $*\t$: $2 < @ $[ $3 $] > $4\n";
        assertThat(read("V10\n" + canonify, FilesRoot.none()).canonicalizesRecipients()).isTrue();
        assertThat(read("V10\nO DontExpandCnames=True\n" + canonify, FilesRoot.none()).canonicalizesRecipients())
                .isFalse();
        HostNames nocanonify = read("V10\nC{Canonify}example.com\nS96\n"
                + "R$* $| $* < @ $* $={Canonify} > $*\t$: $2 < @ $[ $3 $4 $] > $5\n", FilesRoot.none());
        assertThat(nocanonify.canonicalizesRecipients()).isFalse();
        assertThat(nocanonify.canonicalizes("alias.example.com")).isTrue();
        assertThat(nocanonify.canonicalizes("alias.example.net")).isFalse();
    }

    @Test
    void reportsAMissingRequiredClassFileAndIgnoresAnOptionalOne() throws IOException {
        Files.createDirectories(tmp.resolve("etc/mail"));
        HostNames names = read("Fw/etc/mail/missing\nFw-o /etc/mail/also-missing\n", FilesRoot.at(tmp));
        // sendmail warns and goes on, so the host stays usable (issue 14)
        assertThat(names.errors()).isEmpty();
        assertThat(names.warnings().stream().filter(p -> p.message().contains("cannot open"))).singleElement()
                .satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).contains("cannot open '/etc/mail/missing'");
        });
    }

    @Test
    void reportsNulBytesWithTheLine() {
        HostNames names = read("V10\nCwa.example\nCw\0b\n", FilesRoot.none());
        assertThat(names.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("line 3"));
    }
}

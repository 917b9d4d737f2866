package org.maildrift.mta.sendmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.UnresolvedReference;
import org.maildrift.testsupport.Peers;
import org.maildrift.testsupport.Vectors;

/**
 * Replays vectors/sendmail: class w must equal what sendmail 8.17 printed for {@code $=w}, except for
 * members a program produced (maildrift never runs programs; those must show up as unresolved), and
 * recipient canonicalisation must match what ruleset 3 did to a CNAME'd recipient domain.
 */
class SendmailVectorsTest {

    @TempDir
    Path root;

    @TestFactory
    List<DynamicTest> classWMatchesRecordedSendmail() throws Exception {
        return Peers.guard(() -> {
            Path dir = Peers.vectors().resolve("sendmail");
            Path aux = Files.createDirectories(root.resolve("aux/sendmail"));
            for (String f : List.of("s05.local-host-names", "s06.present", "s07.table", "s11.relay-domains")) {
                Files.copy(dir.resolve(f), aux.resolve(f));
            }
            List<String> names = Vectors.names(dir, ".w-class.expected");
            assertThat(names).hasSizeGreaterThanOrEqualTo(13);
            List<DynamicTest> tests = new ArrayList<>();
            for (String name : names) {
                tests.add(DynamicTest.dynamicTest(name, () -> replayClassW(dir, name)));
            }
            for (String name : Vectors.names(dir, ".canon.expected")) {
                tests.add(DynamicTest.dynamicTest(name, () -> replayCanonify(dir, name)));
            }
            return tests;
        });
    }

    private HostNames read(Path dir, String name) {
        String cf = Vectors.read(dir.resolve(name + ".sendmail.cf")).replace("@AUX@", "/aux");
        return SendmailCfReader.read(name + ".sendmail.cf", cf, VectorHost.of(dir, name), FilesRoot.at(root));
    }

    private void replayClassW(Path dir, String name) {
        HostNames names = read(dir, name);
        Set<String> ours = names.accepted().stream().filter(a -> a.addressClass() == AddressClass.LOCAL)
                .map(AcceptedName::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>(Vectors.read(dir.resolve(name + ".w-class.expected")).lines()
                .filter(l -> !l.isBlank()).toList());
        assertThat(ours).as("%s: members sendmail does not have", name).isSubsetOf(expected);
        String unresolvedText = names.unresolved().stream().map(UnresolvedReference::reference)
                .collect(Collectors.joining(" "));
        for (String missing : expected) {
            if (!ours.contains(missing)) {
                assertThat(unresolvedText).as("%s: %s is in sendmail's $=w but neither read nor reported unresolved",
                        name, missing).contains(missing);
            }
        }
        if (Vectors.read(dir.resolve(name + ".bt.out")).contains("fileclass: cannot open")) {
            assertThat(names.warnings()).as("%s: sendmail warned of an unopenable class file and went on", name)
                    .anyMatch(p -> p.message().contains("cannot open"));
        }
    }

    private static final Pattern ALIAS = Pattern.compile(
            "canonify +input: user @ alias \\. example \\. com\\ncanonify +returns: ([^\\n]*)");

    private void replayCanonify(Path dir, String name) {
        HostNames names = read(dir, name);
        Matcher m = ALIAS.matcher(Vectors.read(dir.resolve(name + ".canon.expected")));
        assertThat(m.find()).as("%s: vector shows ruleset 3 on user@alias.example.com", name).isTrue();
        boolean rewritten = m.group(1).contains("real . example . net");
        assertThat(names.canonicalizes("alias.example.com"))
                .as("%s: does sendmail rewrite alias.example.com to its CNAME target?", name).isEqualTo(rewritten);
    }
}

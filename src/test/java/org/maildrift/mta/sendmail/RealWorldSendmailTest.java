package org.maildrift.mta.sendmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.HostNames;
import org.maildrift.testsupport.Peers;

/**
 * The sendmail.cf files of ../shared/realworld/sendmail (written by other people; read in place, never
 * copied into the project), with their class files under root/: maildrift's class w must equal the real
 * sendmail's {@code $=w} with the host name pinned. sendmail reads the class files from the absolute
 * paths the .cf names, so for the real run the test writes a copy of each .cf into target/ with those
 * paths pointing at the case's class files; maildrift reads the original with root/ as its files-root.
 */
class RealWorldSendmailTest {

    private static final String HOST = "mail.example.com";

    @Test
    void classWAgreesWithRealSendmailOnEveryRealWorldConfig() throws Exception {
        Path sendmail = Peers.sendmail().toAbsolutePath();
        Path realworld = Peers.realworld().resolve("sendmail");
        if (Peers.unshare().isEmpty() || !Peers.canUnshare()) {
            Peers.missing("unshare with mount and network namespaces is needed (run as root) to pin sendmail's host identity");
        }
        Path work = Files.createDirectories(SendmailDifferentialTest.safeDirectory().resolve("realworld"));
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(realworld)) {
            cases = dirs.filter(d -> Files.isRegularFile(d.resolve("sendmail.cf"))).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(14);
        List<String> disagreements = new ArrayList<>();
        int comparisons = 0;
        for (Path c : cases) {
            String name = c.getFileName().toString();
            Path dir = Files.createDirectories(work.resolve(name));
            Path classes = Files.createDirectories(dir.resolve("etc-mail"));
            Path root = c.resolve("root");
            Path mail = root.resolve("etc/mail");
            if (Files.isDirectory(mail)) {
                try (Stream<Path> files = Files.list(mail)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Files.copy(f, classes.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            String cf = Files.readString(c.resolve("sendmail.cf"));
            StringBuilder real = new StringBuilder();
            for (String line : cf.split("\n", -1)) {
                real.append(line.startsWith("F") ? line.replace("/etc/mail/", classes + "/") : line).append('\n');
            }
            Files.writeString(dir.resolve("sendmail.cf"), real);
            Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.1\noptions attempts:1 timeout:1\n");
            // the kernel host name qualified, and Debian's short kernel name with the FQDN in /etc/hosts
            for (String kernel : List.of(HOST, "mail")) {
                Files.writeString(dir.resolve("hosts"), "127.0.0.1\tlocalhost\n192.0.2.10\t" + HOST + " mail\n");
                Set<String> theirs = SendmailDifferentialTest.runSendmail(sendmail, dir, kernel);
                // what the hosts file says: gethostbyname() of either name gives the FQDN with alias mail
                SendmailHost host = new SendmailHost(kernel, kernel, new SendmailHost.HostEntry(HOST, List.of("mail"),
                        List.of("192.0.2.10")), List.of(new SendmailHost.Interface("127.0.0.1", true, "localhost",
                        List.of())));
                HostNames ours = SendmailCfReader.read(c.resolve("sendmail.cf").toString(), cf, host,
                        Files.isDirectory(root) ? FilesRoot.at(root) : FilesRoot.none());
                Set<String> oursSet = ours.accepted().stream().filter(a -> a.addressClass() == AddressClass.LOCAL)
                        .map(AcceptedName::name).collect(Collectors.toCollection(TreeSet::new));
                comparisons++;
                if (!oursSet.equals(theirs)) {
                    disagreements.add(name + " (kernel host name " + kernel + "): sendmail " + theirs + ", maildrift "
                            + oursSet);
                }
            }
        }
        System.out.printf("real-world sendmail: %d/%d comparisons agree on $=w (%d configurations, two kernel host "
                + "names each)%n", comparisons - disagreements.size(), comparisons, cases.size());
        assertThat(disagreements).isEmpty();
    }
}

package org.maildrift.mta.sendmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.HostNames;
import org.maildrift.testsupport.Peers;

/**
 * Differential test against the real sendmail 8.17: generated sendmail.cf files (and class files) are
 * run with {@code sendmail -C FILE -bt} answering {@code $=w} inside private UTS, mount and network
 * namespaces (fixed host name, /etc/hosts, loopback only), and read by maildrift with the same host
 * facts; the member sets must be equal. -Dmaildrift.seed replays a run.
 */
class SendmailDifferentialTest {

    @Test
    void classWAgreesWithRealSendmailOnGeneratedConfigs() throws Exception {
        Path sendmail = Peers.sendmail().toAbsolutePath();
        if (Peers.unshare().isEmpty() || !Peers.canUnshare()) {
            Peers.missing("unshare with mount and network namespaces is needed (run as root) to pin sendmail's host identity");
        }
        Path work = safeDirectory();
        Path aux = Files.createDirectories(work.resolve("aux"));
        long seed = Long.getLong("maildrift.seed", System.nanoTime());
        int cases = Integer.getInteger("maildrift.sendmail.cases", 120);
        System.out.println("sendmail differential: seed " + seed + ", " + cases + " configs in " + work);
        SendmailCfGenerator gen = new SendmailCfGenerator(seed, "/aux");
        List<String> disagreements = new ArrayList<>();
        int agreed = 0;
        for (int i = 0; i < cases; i++) {
            SendmailCfGenerator.Case c = gen.next(i);
            Path dir = Files.createDirectories(work.resolve("case" + i));
            String realCf = c.cf().replace("/aux/", aux + "/");
            Files.writeString(dir.resolve("sendmail.cf"), realCf);
            for (Map.Entry<String, String> f : c.files().entrySet()) {
                Files.writeString(aux.resolve(Path.of(f.getKey()).getFileName()), f.getValue());
            }
            String hostsLine = "192.0.2.10\t" + c.hostname() + " " + String.join(" ", c.hostAliases());
            Files.writeString(dir.resolve("hosts"), "127.0.0.1\tlocalhost\n" + hostsLine + "\n");
            Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.1\noptions attempts:1 timeout:1\n");
            Set<String> real = runSendmail(sendmail, dir, c.hostname());

            Path root = Files.createDirectories(dir.resolve("root"));
            Files.createDirectories(root.resolve("aux"));
            for (Map.Entry<String, String> f : c.files().entrySet()) {
                Files.writeString(root.resolve(f.getKey().substring(1)), f.getValue());
            }
            SendmailHost host = new SendmailHost(c.hostname(), c.hostname(),
                    new SendmailHost.HostEntry(c.hostname(), c.hostAliases(), List.of("192.0.2.10")),
                    List.of(new SendmailHost.Interface("127.0.0.1", true, "localhost", List.of())));
            HostNames ours = SendmailCfReader.read("sendmail.cf", c.cf(), host, FilesRoot.at(root));
            Set<String> oursSet = ours.accepted().stream().filter(a -> a.addressClass() == AddressClass.LOCAL)
                    .map(AcceptedName::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (oursSet.equals(real)) {
                agreed++;
            } else {
                disagreements.add("case " + i + " host " + c.hostname() + "\n--- sendmail.cf:\n" + c.cf()
                        + "--- files: " + c.files() + "\n--- sendmail: " + real + "\n--- maildrift: " + oursSet);
            }
        }
        System.out.printf("sendmail differential: %d/%d configs agree (%.1f%%), seed %d%n", agreed, cases,
                100.0 * agreed / cases, seed);
        Files.writeString(work.resolve("disagreements.txt"), String.join("\n\n", disagreements));
        assertThat(disagreements).as("disagreements with sendmail (seed %d)", seed).isEmpty();
    }

    /** Runs {@code $=w} through the real sendmail with the case's host name, hosts file and only loopback. */
    static Set<String> runSendmail(Path sendmail, Path dir, String hostname) throws IOException,
            InterruptedException {
        String script = "hostname \"$1\" && mount --bind \"$2/hosts\" /etc/hosts"
                + " && mount --bind \"$2/resolv.conf\" /etc/resolv.conf && ip link set lo up"
                + " && cd \"$2\" && exec timeout 60 \"$3\" -C \"$2/sendmail.cf\" -bt";
        Process p = new ProcessBuilder("unshare", "--uts", "--mount", "--net", "sh", "-c", script, "sh", hostname,
                dir.toAbsolutePath().toString(), sendmail.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().write("$=w\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Files.writeString(dir.resolve("bt.out"), out);
        Set<String> members = new TreeSet<>();
        boolean answer = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("Enter <ruleset> <address>")) {
                answer = true;
                continue;
            }
            if (!answer) {
                continue;
            }
            String w = line.startsWith("> ") ? line.substring(2) : line;
            w = w.strip();
            if (!w.isEmpty() && !w.equals(">")) {
                members.add(w);
            }
        }
        return members;
    }

    /** sendmail refuses class files below group- or world-writable directories; find a folder it accepts. */
    static Path safeDirectory() throws IOException {
        for (Path candidate : List.of(Path.of("target", "differential", "sendmail").toAbsolutePath(),
                Path.of("/var/lib/maildrift-test"))) {
            Files.createDirectories(candidate);
            if (ancestorsSafe(candidate)) {
                return candidate;
            }
        }
        Peers.missing("no folder without group/world-writable ancestors for sendmail's class files");
        return null;
    }

    private static boolean ancestorsSafe(Path p) throws IOException {
        for (Path q = p.toRealPath(); q != null; q = q.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(q);
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                return false;
            }
        }
        return true;
    }

}

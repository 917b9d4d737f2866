package org.maildrift.mta.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.maildrift.mail.InterfaceAddress;
import org.maildrift.testsupport.Peers;

/**
 * The main.cf files of ../shared/realworld/postfix (written by other people; read in place, never
 * copied into the project): for every parameter {@code postconf -H} names, maildrift's answer must equal
 * {@code postconf -c DIR -h} and {@code -x -h}, output and exit status, under two pinned host names (one
 * qualified, one short). Each run gets its own UTS, mount and network namespace: the kernel host name,
 * an /etc/hosts, and a loopback interface that also carries 192.0.2.10/24, which the inventory side
 * states as the host's address.
 *
 * <p>Documented exceptions (docs/mta-readers.md): {@code process_id} (postconf prints its own process
 * id), and with -x the values that expand it ({@code debugger_command}). Nothing else is excluded.
 */
class RealWorldPostfixTest {

    private static final List<String> HOSTS = List.of("mail.example.com", "mx");
    private static final Set<String> EXCEPTIONS = Set.of("process_id");
    private static final InterfaceAddress ADDRESS = InterfaceAddress.parse("192.0.2.10/24");

    @Test
    void everyParameterOfEveryRealWorldMainCfAgreesWithPostconf() throws Exception {
        Path postconf = Peers.postconf().toAbsolutePath();
        Path realworld = Peers.realworld().resolve("postfix");
        if (Peers.unshare().isEmpty() || !Peers.canUnshare()) {
            Peers.missing("unshare with UTS, mount and network namespaces is needed (run as root) to pin postconf's "
                    + "host name, /etc/hosts and interfaces");
        }
        Path work = Files.createDirectories(Path.of("target", "differential", "realworld-postfix").toAbsolutePath());
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(realworld)) {
            cases = dirs.filter(d -> Files.isRegularFile(d.resolve("main.cf"))).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(73);
        Files.writeString(work.resolve("hosts"), "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                + "192.0.2.10\tmail.example.com mail\n");
        List<String> disagreements = new ArrayList<>();
        long comparisons = 0;
        long excluded = 0;
        for (Path c : cases) {
            PostfixReader.Source source = PostfixReader.load(c);
            for (String host : HOSTS) {
                Path out = Files.createDirectories(work.resolve(c.getFileName() + "-" + host));
                runPostconf(postconf, c, host, work.resolve("hosts"), out);
                List<String> names = lines(out.resolve("names"));
                if (names.isEmpty()) {
                    disagreements.add(c.getFileName() + " (" + host + "): postconf -H printed nothing: "
                            + Files.readString(out.resolve("names.err")));
                    continue;
                }
                List<String> asked = names.stream().filter(n -> !EXCEPTIONS.contains(n)).toList();
                PostfixParameters params = PostfixParameters.of(source.mainCf(),
                        new PostfixReader.Host(host, List.of(ADDRESS)), source.configDirectory());
                for (boolean expand : new boolean[] {false, true}) {
                    String flag = expand ? "x" : "h";
                    int realExit = Integer.parseInt(Files.readString(out.resolve(flag + ".rc")).strip());
                    List<String> real = lines(out.resolve(flag + ".out"));
                    Postconf.Output ours = Postconf.query(params, asked, expand);
                    List<String> mine = ours.stdout().isEmpty() ? List.of() : List.of(ours.stdout().split("\n", -1))
                            .subList(0, ours.stdout().split("\n", -1).length - 1);
                    String label = c.getFileName() + " (" + host + ", " + (expand ? "-x -h" : "-h") + ")";
                    if (realExit != ours.exitCode()) {
                        disagreements.add(label + ": postconf exit " + realExit + " ("
                                + Files.readString(out.resolve(flag + ".err")).strip() + "), maildrift exit "
                                + ours.exitCode() + " " + ours.stderr());
                        comparisons++;
                        continue;
                    }
                    if (realExit != 0) {
                        comparisons++;
                        continue;
                    }
                    for (int i = 0; i < asked.size(); i++) {
                        if (expand && params.dependsOnUnmodelled(asked.get(i), true).contains("process_id")) {
                            excluded++;
                            continue;
                        }
                        comparisons++;
                        String r = i < real.size() ? real.get(i) : "<missing>";
                        String m = i < mine.size() ? mine.get(i) : "<missing>";
                        if (!r.equals(m)) {
                            disagreements.add(label + " " + asked.get(i) + ": postconf [" + r + "] maildrift [" + m
                                    + "]");
                        }
                    }
                    if (real.size() != mine.size()) {
                        disagreements.add(label + ": postconf printed " + real.size() + " lines, maildrift "
                                + mine.size());
                    }
                }
            }
        }
        Files.writeString(work.resolve("disagreements.txt"), String.join("\n", disagreements));
        System.out.printf("real-world postfix: %d of %d comparisons agree (%d main.cf files, host names %s, "
                + "every parameter postconf -H names but %s; %d -x values left out as they depend on it)%n",
                comparisons - disagreements.size(), comparisons, cases.size(), HOSTS, EXCEPTIONS, excluded);
        assertThat(disagreements).as("see target/differential/realworld-postfix/disagreements.txt").isEmpty();
    }

    /** postconf -H, -h and -x -h of every name, in a namespace with the host name, hosts file and address. */
    private static void runPostconf(Path postconf, Path dir, String host, Path hosts, Path out) throws Exception {
        String script = "hostname \"$1\" && mount --bind \"$2\" /etc/hosts && ip link set lo up"
                + " && ip addr add 192.0.2.10/24 dev lo && cd \"$4\""
                + " && \"$5\" -c \"$3\" -H > names 2> names.err"
                + " && grep -vx process_id names > asked"
                + "; \"$5\" -c \"$3\" -h $(cat asked) > h.out 2> h.err; echo $? > h.rc"
                + "; \"$5\" -c \"$3\" -x -h $(cat asked) > x.out 2> x.err; echo $? > x.rc";
        Process p = new ProcessBuilder("unshare", "--uts", "--mount", "--net", "sh", "-c", script, "sh", host,
                hosts.toString(), dir.toAbsolutePath().toString(), out.toString(), postconf.toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("sh.log").toFile()).start();
        p.getOutputStream().close();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the postconf namespace failed: " + Files.readString(out.resolve("sh.log")));
        }
    }

    private static List<String> lines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return List.of();
        }
        String s = Files.readString(file, StandardCharsets.UTF_8);
        if (s.isEmpty()) {
            return List.of();
        }
        List<String> l = new ArrayList<>(List.of(s.split("\n", -1)));
        if (l.get(l.size() - 1).isEmpty()) {
            l.remove(l.size() - 1);
        }
        return l;
    }

}

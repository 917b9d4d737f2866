package org.maildrift.mta.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.maildrift.mail.InterfaceAddress;
import org.maildrift.testsupport.Peers;

/**
 * The default of mynetworks against the real postconf: every combination of mynetworks_style,
 * inet_interfaces and inet_protocols below, on a host whose interfaces carry 192.0.2.10/24, 10.1.2.3/12
 * and 172.16.5.4/24 besides loopback (put on the loopback interface of a fresh network namespace), and
 * the inventory saying the same. Output and exit status of {@code postconf -h mynetworks} and of a
 * parameter that embeds it must agree.
 */
class MyNetworksDifferentialTest {

    private static final List<String> STYLES = List.of("host", "subnet", "class", "Host", "host subnet", "",
            "$my_style");
    private static final List<String> INTERFACES = List.of("all", "loopback-only", "localhost", "127.0.0.1",
            "192.0.2.10", "[192.0.2.10]", "192.0.2.10, 10.1.2.3", "10.1.2.3 172.16.5.4 10.1.2.3", "192.0.2.99",
            "all, 127.0.0.1", "ALL", "", "[::1]", "localhost, 192.0.2.10");
    private static final List<String> PROTOCOLS = List.of("all", "ipv4", "ipv6", "ipv4, ipv6", "", "IPv4");
    private static final List<InterfaceAddress> ADDRESSES = List.of(InterfaceAddress.parse("192.0.2.10/24"),
            InterfaceAddress.parse("10.1.2.3/12"), InterfaceAddress.parse("172.16.5.4/24"));

    @Test
    void derivedLikePostconf() throws Exception {
        Path postconf = Peers.postconf().toAbsolutePath();
        if (Peers.unshare().isEmpty() || !Peers.canUnshare()) {
            Peers.missing("unshare with UTS, mount and network namespaces is needed (run as root) to give postconf "
                    + "known interfaces");
        }
        Path work = Files.createDirectories(Path.of("target", "differential", "mynetworks").toAbsolutePath());
        Files.writeString(work.resolve("hosts"), "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n");
        // names not in the hosts file are asked of a resolver on loopback, which refuses at once
        Files.writeString(work.resolve("resolv.conf"), "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
        List<String> mainCfs = new ArrayList<>();
        FileTime past = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        int n = 0;
        for (String style : STYLES) {
            for (String interfaces : INTERFACES) {
                for (String protocols : PROTOCOLS) {
                    String mainCf = "mynetworks_style = " + style + "\nmy_style = class\ninet_interfaces = "
                            + interfaces + "\ninet_protocols = " + protocols + "\nproxy_read_maps = $mynetworks,x\n";
                    Path dir = Files.createDirectories(work.resolve("case" + n++));
                    Files.writeString(dir.resolve("main.cf"), mainCf);
                    Files.writeString(dir.resolve("master.cf"), "");
                    Files.setLastModifiedTime(dir.resolve("main.cf"), past);
                    Files.setLastModifiedTime(dir.resolve("master.cf"), past);
                    mainCfs.add(mainCf);
                }
            }
        }
        String script = "hostname mail && mount --bind \"$1/hosts\" /etc/hosts"
                + " && mount --bind \"$1/resolv.conf\" /etc/resolv.conf && ip link set lo up"
                + " && ip addr add 192.0.2.10/24 dev lo && ip addr add 10.1.2.3/12 dev lo"
                + " && ip addr add 172.16.5.4/24 dev lo"
                // postconf sleeps a second before a fatal exit: run the cases 32 at a time
                + " && ls -d \"$1\"/case* | xargs -P 32 -I{} sh -c '\"$0\" -c \"$1\" -x -h mynetworks proxy_read_maps"
                + " > \"$1/out\" 2> \"$1/err\"; echo $? > \"$1/rc\"' \"$2\" {}";
        Process p = new ProcessBuilder("unshare", "--uts", "--mount", "--net", "sh", "-c", script, "sh",
                work.toString(), postconf.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("sh.log").toFile()).start();
        assertThat(p.waitFor()).as(Files.readString(work.resolve("sh.log"))).isZero();

        List<String> disagreements = new ArrayList<>();
        int fatal = 0;
        int unmodelled = 0;
        for (int i = 0; i < n; i++) {
            Path dir = work.resolve("case" + i);
            MainCf mainCf = MainCfParser.parse(dir + "/main.cf", mainCfs.get(i));
            PostfixParameters params = PostfixParameters.of(mainCf, new PostfixReader.Host("mail", ADDRESSES),
                    dir.toString());
            Postconf.Output ours = Postconf.query(params, List.of("mynetworks", "proxy_read_maps"), true);
            if (!params.dependsOnUnmodelled("mynetworks", true).isEmpty()) {
                // inet_interfaces names a host other than localhost: postconf asks the resolver
                assertThat(ours.stderr()).anyMatch(w -> w.contains("resolves through /etc/hosts or DNS"));
                unmodelled++;
                continue;
            }
            String real = Files.readString(dir.resolve("out"));
            int rc = Integer.parseInt(Files.readString(dir.resolve("rc")).strip());
            fatal += rc == 0 ? 0 : 1;
            if (!real.equals(ours.stdout()) || rc != ours.exitCode()) {
                disagreements.add("case " + i + ":\n" + mainCfs.get(i) + "postconf exit " + rc + " [" + real + "] "
                        + Files.readString(dir.resolve("err")).strip() + "\nmaildrift exit " + ours.exitCode() + " ["
                        + ours.stdout() + "] " + ours.stderr());
            }
        }
        System.out.printf("mynetworks differential: %d of %d configurations agree (%d of them fatal; %d left out, as "
                + "inet_interfaces names a host maildrift does not resolve, with a warning)%n",
                n - unmodelled - disagreements.size(), n - unmodelled, fatal, unmodelled);
        assertThat(unmodelled).isLessThan(n / 10);
        assertThat(fatal).as("fatal cases exercised").isBetween(1, n - 1);
        assertThat(disagreements).isEmpty();
    }
}

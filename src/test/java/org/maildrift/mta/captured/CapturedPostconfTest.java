package org.maildrift.mta.captured;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.postfix.PostfixReader;
import org.maildrift.testsupport.Peers;
import org.maildrift.testsupport.Vectors;

/**
 * What an agent sends instead of main.cf — real {@code postconf -n} and {@code postconf -x} output for
 * each recorded main.cf — must give the same accepted names as main.cf itself.
 */
class CapturedPostconfTest {

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> postconfOutputReadsLikeMainCf() throws Exception {
        return Peers.guard(() -> {
            Path postconf = Peers.postconf();
            Path dir = Peers.vectors().resolve("postfix");
            List<DynamicTest> tests = new ArrayList<>();
            for (String name : Vectors.names(dir, ".main.cf")) {
                tests.add(DynamicTest.dynamicTest(name, () -> compare(postconf, dir, name)));
            }
            return tests;
        });
    }

    private void compare(Path postconf, Path vectors, String name) throws Exception {
        String host = Vectors.keyValues(vectors.resolve(name + ".cmd")).get("hostname");
        Path conf = Files.createDirectories(tmp.resolve(name));
        Files.copy(vectors.resolve(name + ".main.cf"), conf.resolve("main.cf"));
        Files.writeString(conf.resolve("master.cf"), "");
        FileTime past = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(conf.resolve("main.cf"), past);
        Files.setLastModifiedTime(conf.resolve("master.cf"), past);
        PostfixReader.Host h = PostfixReader.Host.of(host, List.of("192.0.2.10"));
        HostNames fromMainCf = PostfixReader.read(conf, h, FilesRoot.none());
        for (String mode : List.of("-n", "-x")) {
            String out = run(postconf, conf, host, mode);
            if (out == null) {
                if (mode.equals("-n")) {
                    assertThat(fromMainCf.errors()).as("%s: postconf -n failed; main.cf must be reported", name)
                            .isNotEmpty();
                }
                // postconf -x expands every parameter, also unused ones with loops (p16): no dump to send
                continue;
            }
            Path captured = tmp.resolve(name + mode + ".txt");
            Files.writeString(captured, out);
            HostNames fromCapture = PostfixReader.read(captured, h, FilesRoot.none());
            assertThat(names(fromCapture)).as("%s: accepted names from postconf %s output", name, mode)
                    .isEqualTo(names(fromMainCf));
            for (String d : List.of("mx.example.com", "example.com", "localhost", "[127.0.0.1]", "a.example")) {
                assertThat(fromCapture.accepts(d).verdict()).as("%s %s: %s", name, mode, d)
                        .isEqualTo(fromMainCf.accepts(d).verdict());
            }
        }
    }

    private static Set<String> names(HostNames n) {
        Set<String> s = new TreeSet<>();
        n.accepted().forEach(a -> s.add(a.name() + " " + a.addressClass()));
        return s;
    }

    /** postconf output under the vector's host name; null when postconf fails. */
    private static String run(Path postconf, Path conf, String host, String mode) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (Peers.unshare().isPresent()) {
            cmd.addAll(List.of("unshare", "--uts", "sh", "-c", "hostname \"$0\" && exec \"$@\"", host));
        }
        cmd.addAll(List.of(postconf.toString(), "-c", conf.toString(), mode));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? out : null;
    }
}

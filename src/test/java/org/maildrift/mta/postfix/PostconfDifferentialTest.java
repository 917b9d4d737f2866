package org.maildrift.mta.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.maildrift.testsupport.Peers;

/**
 * Differential test against the real postconf: main.cf files from a seeded generator are given to
 * {@code postconf -c DIR -h} and {@code -x -h} (under a pinned kernel host name) and to maildrift;
 * stdout and exit status must agree. Set -Dmaildrift.seed to replay a run, -Dmaildrift.postconf.cases
 * for more cases.
 */
class PostconfDifferentialTest {

    @Test
    void agreesWithRealPostconfOnGeneratedConfigs() throws Exception {
        Path postconf = Peers.postconf();
        boolean pinHost = Peers.unshare().isPresent() && canUnshare();
        long seed = Long.getLong("maildrift.seed", System.nanoTime());
        int cases = Integer.getInteger("maildrift.postconf.cases", 320);
        System.out.println("postconf differential: seed " + seed + " (-Dmaildrift.seed=" + seed + " to replay), "
                + cases + " configs, host name " + (pinHost ? "pinned with unshare" : "left as is"));
        MainCfGenerator gen = new MainCfGenerator(seed);
        Path root = Files.createDirectories(Path.of("target", "differential", "postconf"));
        List<String> disagreements = new ArrayList<>();
        int agreed = 0;
        int crashed = 0;
        for (int i = 0; i < cases; i++) {
            MainCfGenerator.Case c = gen.next();
            String host = pinHost ? c.hostname() : realHostname();
            Path dir = root.resolve("case" + i);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("main.cf"), c.mainCf());
            Files.writeString(dir.resolve("master.cf"), "");
            // Postfix re-reads a main.cf changed within the last second, sleeping between reads.
            FileTime past = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
            Files.setLastModifiedTime(dir.resolve("main.cf"), past);
            Files.setLastModifiedTime(dir.resolve("master.cf"), past);
            boolean same = true;
            boolean oracleCrashed = false;
            StringBuilder why = new StringBuilder();
            for (boolean expand : new boolean[] {false, true}) {
                RealRun real = run(postconf, dir, host, c.params(), expand, pinHost);
                MainCf mainCf = MainCfParser.parse(dir + "/main.cf", c.mainCf());
                Postconf.Output ours = Postconf.query(PostfixParameters.of(mainCf, host, dir.toString()), c.params(),
                        expand);
                if (real.exit >= 128 && ours.exitCode() == 1) {
                    // postconf died of a signal (unbounded recursion through ${{...}} operands): maildrift
                    // must refuse the config, which it does with exit 1.
                    oracleCrashed = true;
                    continue;
                }
                if (!real.stdout.equals(ours.stdout()) || real.exit != ours.exitCode()) {
                    same = false;
                    why.append(expand ? "-x -h" : "-h").append(": postconf exit ").append(real.exit).append(" stdout [")
                            .append(real.stdout).append("] stderr [").append(real.stderr).append("]; maildrift exit ")
                            .append(ours.exitCode()).append(" stdout [").append(ours.stdout()).append("]\n");
                }
            }
            if (same && oracleCrashed) {
                crashed++;
                agreed++;
            } else if (same) {
                agreed++;
            } else {
                disagreements.add("case " + i + " (host " + host + ", params " + c.params() + ")\n--- main.cf:\n"
                        + c.mainCf() + "\n--- " + why);
            }
        }
        System.out.printf("postconf differential: %d/%d configs agree (%.1f%%; in %d of them postconf crashed"
                + " and maildrift refused the config), seed %d%n", agreed, cases, 100.0 * agreed / cases, crashed, seed);
        Files.writeString(root.resolve("disagreements.txt"), String.join("\n", disagreements));
        assertThat(disagreements).as("disagreements with postconf (seed %d)", seed).isEmpty();
    }

    private record RealRun(String stdout, int exit, String stderr) {
    }

    private static RealRun run(Path postconf, Path dir, String host, List<String> params, boolean expand,
            boolean pinHost) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (pinHost) {
            cmd.addAll(List.of("unshare", "--uts", "sh", "-c", "hostname \"$0\" && exec \"$@\"", host));
        }
        cmd.add(postconf.toString());
        cmd.add("-c");
        cmd.add(dir.toString());
        if (expand) {
            cmd.add("-x");
        }
        cmd.add("-h");
        cmd.addAll(params);
        Path out = dir.resolve(expand ? "x.out" : "h.out");
        Path err = dir.resolve(expand ? "x.err" : "h.err");
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exit = p.waitFor();
        return new RealRun(Files.readString(out, StandardCharsets.UTF_8), exit, Files.readString(err));
    }

    static boolean canUnshare() {
        try {
            Process p = new ProcessBuilder("unshare", "--uts", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String realHostname() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("hostname").start();
        String h = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return h;
    }
}

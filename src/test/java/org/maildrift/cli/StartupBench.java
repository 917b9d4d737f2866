package org.maildrift.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Whole-process times of CLI commands, as a user sees them: {@code java -jar target/maildrift.jar} and the
 * launcher {@code target/maildrift/bin/maildrift}, run alternately in the same loop so that both see the
 * same machine. Rows: check of the demo estate, names --postfix of one main.cf, check of the 10,000-name
 * estate from zone files (JSON output). Run by bench/run-startup-bench.sh after the package phase.
 */
public final class StartupBench {

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path estate = Files.createTempDirectory("maildrift-startup");
        CheckBench.estate(estate, 10_000);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jar = List.of(java, "-jar", "target/maildrift.jar");
        List<String> launcher = List.of("target/maildrift/bin/maildrift");
        String[][] rows = {
            {"`check` of the demo estate", "check", "--inventory", "config-samples/demo/inventory.yml"},
            {"`names --postfix` of one main.cf", "names", "--postfix", "config-samples/demo/mlserver", "--hostname",
                "newserver01.example.com", "--address", "192.0.2.20"},
            {"`check` of the 10,000-name estate from zone files", "check", "--inventory",
                estate.resolve("inventory.yml").toString(), "--format", "json"}};
        System.out.printf(Locale.ROOT, "java %s, %d cores; median (min–max) of %d runs after one warm-up, ms%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), runs);
        System.out.println("| command | `java -jar` | `bin/maildrift` |");
        System.out.println("| --- | ---: | ---: |");
        for (String[] row : rows) {
            List<String> command = Arrays.asList(row).subList(1, row.length);
            long[] a = new long[runs];
            long[] b = new long[runs];
            for (int i = -1; i < runs; i++) {
                long x = time(concat(jar, command));
                long y = time(concat(launcher, command));
                if (i >= 0) {
                    a[i] = x;
                    b[i] = y;
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", row[0], summary(a), summary(b));
        }
        try (var tree = Files.walk(estate)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Milliseconds from start to exit; output discarded; exit 0 or 1 (findings) expected. */
    private static long time(List<String> command) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (code != 0 && code != 1) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + code);
        }
        return ms;
    }

    private static String summary(long[] ms) {
        long[] s = ms.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%,d (%,d–%,d)", s[s.length / 2], s[0], s[s.length - 1]);
    }

    static {
        // the jar and the launcher are found relative to the project directory the script runs in
        if (!new File("target/maildrift.jar").isFile()) {
            throw new IllegalStateException("run from the project directory after ./mvnw package");
        }
    }
}

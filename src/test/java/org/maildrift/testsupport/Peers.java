package org.maildrift.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real programs and shared reference data that differential tests compare against. Where one
 * is missing the test is skipped with the reason, unless MAILDRIFT_REQUIRE_REAL_PEERS=1 (as in CI),
 * where it fails instead.
 */
public final class Peers {

    private Peers() {
    }

    public static boolean required() {
        return "1".equals(System.getenv("MAILDRIFT_REQUIRE_REAL_PEERS"));
    }

    /** Skips (or, in CI, fails) the calling test with {@code why}. */
    public static void missing(String why) {
        if (required()) {
            fail(why + " (MAILDRIFT_REQUIRE_REAL_PEERS=1, so this is a failure, not a skip)");
        }
        Assumptions.abort(why);
    }

    /** Builds dynamic tests that need a peer; a missing peer becomes one skipped (or, in CI, failed) test with the reason. */
    @FunctionalInterface
    public interface TestsNeedingPeers {
        java.util.List<org.junit.jupiter.api.DynamicTest> build() throws Exception;
    }

    public static java.util.List<org.junit.jupiter.api.DynamicTest> guard(TestsNeedingPeers tests) throws Exception {
        try {
            return tests.build();
        } catch (org.opentest4j.TestAbortedException e) {
            return java.util.List.of(org.junit.jupiter.api.DynamicTest.dynamicTest("peer missing", () -> {
                throw e;
            }));
        }
    }

    /** ../shared/realworld (or MAILDRIFT_SHARED_DIR/realworld): configurations other people wrote. */
    public static Path realworld() {
        String env = System.getenv("MAILDRIFT_SHARED_DIR");
        Path shared = env != null ? Path.of(env) : Path.of("..", "shared");
        Path r = shared.resolve("realworld");
        if (!Files.isDirectory(r)) {
            missing("real-world configurations not found at " + r.toAbsolutePath()
                    + " (set MAILDRIFT_SHARED_DIR to the shared/ folder)");
        }
        return r;
    }

    /** ../shared/reference/vectors (or MAILDRIFT_SHARED_DIR/reference/vectors). */
    public static Path vectors() {
        String env = System.getenv("MAILDRIFT_SHARED_DIR");
        Path shared = env != null ? Path.of(env) : Path.of("..", "shared");
        Path v = shared.resolve("reference").resolve("vectors");
        if (!Files.isDirectory(v)) {
            missing("reference vectors not found at " + v.toAbsolutePath()
                    + " (set MAILDRIFT_SHARED_DIR to the shared/ folder)");
        }
        return v;
    }

    /** The first of the candidate paths that is an executable file. */
    public static Path program(String what, String... candidates) {
        for (String c : candidates) {
            if (c == null) {
                continue;
            }
            Path p = Path.of(c);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        missing(what + " not found (looked at " + String.join(", ", candidates) + "); .ci/run installs it");
        return null;
    }

    public static Path postconf() {
        return program("postconf (Debian package postfix)", System.getenv("MAILDRIFT_POSTCONF"), "/usr/sbin/postconf");
    }

    /** sendmail unpacked by .ci/run (dpkg -x) under .peers/sendmail, or MAILDRIFT_SENDMAIL. */
    public static Path sendmail() {
        return program("sendmail (Debian package sendmail-bin, unpacked into .peers/sendmail)",
                System.getenv("MAILDRIFT_SENDMAIL"), ".peers/sendmail/usr/libexec/sendmail/sendmail");
    }

    /** postmap with the Postfix dictionary module for {@code type} (sqlite, mysql, pgsql, pcre, ldap) installed. */
    public static Path postmap(String type) {
        Path postmap = program("postmap (Debian package postfix)", System.getenv("MAILDRIFT_POSTMAP"), "/usr/sbin/postmap");
        if (!type.equals("regexp") && !type.equals("cidr")
                && !Files.isRegularFile(Path.of("/usr/lib/postfix/postfix-" + type + ".so"))) {
            missing("Postfix's " + type + " module not found (Debian package postfix-" + type + "); .ci/run installs it");
        }
        return postmap;
    }

    /** Whether this process may make UTS, mount and network namespaces (root, or a kernel that lets it). */
    public static boolean canUnshare() {
        try {
            Process p = new ProcessBuilder("unshare", "--uts", "--mount", "--net", "true").redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    /** Stops a server process the tests started and deletes its folder. */
    public static void stop(Process process, Path dir) {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary folder left behind
        }
    }

    /** unshare(1), to pin host name, /etc/hosts and interfaces for sendmail runs; needs root. */
    public static Optional<Path> unshare() {
        Path p = Path.of("/usr/bin/unshare");
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
}

package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher the build makes (target/maildrift/bin/maildrift): the same output and exit status as
 * {@code java -jar target/maildrift.jar} for every command, with the classes coming from the archive the
 * build trained, and still working (without the archive) when the archive does not fit.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("target/maildrift/bin/maildrift").toAbsolutePath();
    private static final Path JAR = Path.of("target/maildrift.jar").toAbsolutePath();

    record Run(int code, String out, String err) {
    }

    private static Run run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] err = p.getErrorStream().readAllBytes();
        byte[] out = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        return new Run(code, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static List<String> with(List<String> head, String... args) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(args));
        return out;
    }

    @Test
    void everyCommandAnswersAsJavaJarDoes() throws Exception {
        String demo = Path.of("config-samples/demo/inventory.yml").toAbsolutePath().toString();
        String[][] commands = {
            {"check", "--inventory", demo, "--format", "json"},
            {"check", "--inventory", demo, "--format", "sarif"},
            {"check", "--inventory", demo},
            {"precheck", "--inventory", Path.of("config-samples/precheck/inventory.yml").toAbsolutePath().toString(),
                "--change", Path.of("config-samples/precheck/changes/rename.yml").toAbsolutePath().toString()},
            {"names", "--postfix", Path.of("config-samples/demo/mlserver").toAbsolutePath().toString(),
                "--hostname", "newserver01.example.com", "--address", "192.0.2.20"},
            {"dns", "ml.example.com", "--zone",
                Path.of("config-samples/demo/zones/example.com.zone").toAbsolutePath().toString()},
            {"check", "--inventory", "/nonexistent/inventory.yml"},
            {"help"}};
        for (String[] c : commands) {
            Run viaJar = run(with(List.of("java", "-jar", JAR.toString()), c), Map.of());
            Run viaLauncher = run(with(List.of(LAUNCHER.toString()), c), Map.of());
            assertThat(viaLauncher).as(String.join(" ", c)).isEqualTo(viaJar);
        }
    }

    @Test
    void theCommandsClassesComeFromTheTrainedArchive(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("classes.log");
        Run r = run(List.of(LAUNCHER.toString(), "check", "--inventory",
                Path.of("config-samples/demo/inventory.yml").toAbsolutePath().toString(), "--format", "json"),
                Map.of("MAILDRIFT_JAVA_OPTS", "-Xlog:class+load=info:file=" + log));
        assertThat(r.code()).isEqualTo(1); // the demo estate has drift
        List<String> ours = Files.readAllLines(log).stream()
                .filter(l -> l.contains(" org.maildrift.rules.RuleEngine ")).toList();
        assertThat(ours).singleElement().asString().contains("shared objects file (top)");
    }

    @Test
    void anArchiveThatDoesNotFitIsIgnoredQuietly(@TempDir Path tmp) throws Exception {
        // the layout moved elsewhere: the archive names the old paths, so the JVM cannot use it
        Path moved = tmp.resolve("elsewhere");
        copyTree(LAUNCHER.getParent().getParent(), moved);
        String zone = Path.of("config-samples/demo/zones/example.com.zone").toAbsolutePath().toString();
        Run viaJar = run(List.of("java", "-jar", JAR.toString(), "dns", "ml.example.com", "--zone", zone), Map.of());
        Run movedRun = run(List.of(moved.resolve("bin/maildrift").toString(), "dns", "ml.example.com", "--zone", zone),
                Map.of());
        assertThat(movedRun).isEqualTo(viaJar);
        assertThat(movedRun.out()).contains("CNAME newserver01.example.com.");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var tree = Files.walk(from)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}

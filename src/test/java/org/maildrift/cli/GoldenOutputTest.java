package org.maildrift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.maildrift.rules.Scenario;

/**
 * The text, JSON and SARIF of {@code check} and {@code precheck}, byte for byte, on the demo estate, the
 * precheck sample and every rule scenario, and the text and JSON of {@code names} and {@code dns} on the demo,
 * against src/test/resources/golden/. A change that alters
 * what a user sees fails here and says where; when the change is meant, rewrite the files with
 * {@code ./mvnw test -Dtest=GoldenOutputTest -Dmaildrift.golden.update=true} and review the diff.
 */
class GoldenOutputTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");
    /** Scenario estates are written to fixed relative paths, so that their output names the same files. */
    static final Path ESTATES = Path.of("target/golden-estates");
    private static final List<String> FORMATS = List.of("text", "json", "sarif");

    @TestFactory
    List<DynamicTest> outputsAreAsRecorded() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String format : FORMATS) {
            tests.add(golden("check-demo", format, "check", "--inventory", "config-samples/demo/inventory.yml"));
            for (String change : List.of("rename", "rename-fixed")) {
                tests.add(golden("precheck-" + change, format, "precheck", "--inventory",
                        "config-samples/precheck/inventory.yml", "--change",
                        "config-samples/precheck/changes/" + change + ".yml"));
            }
        }
        for (String format : List.of("text", "json")) {
            tests.add(golden("names-mlserver", format, "names", "--postfix", "config-samples/demo/mlserver",
                    "--hostname", "newserver01.example.com", "--address", "192.0.2.20"));
            tests.add(golden("names-apps", format, "names", "--sendmail", "config-samples/demo/apps/sendmail.cf",
                    "--hostname", "apps.example.com", "--address", "192.0.2.30", "--files-root",
                    "config-samples/demo/apps/root"));
            tests.add(golden("names-relay", format, "names", "--exim", "config-samples/demo/relay/exim4.conf",
                    "--hostname", "relay.example.com", "--address", "192.0.2.40", "--files-root",
                    "config-samples/demo/relay/root"));
            tests.add(golden("dns-demo", format, "dns", "ml.example.com", "server01.example.com", "--zone",
                    "config-samples/demo/zones/example.com.zone", "--type", "A"));
        }
        for (Scenario s : Scenario.all()) {
            Path dir = ESTATES.resolve(s.rule()).resolve(s.kind());
            Path inventory = s.materialize(dir);
            for (String format : FORMATS) {
                tests.add(golden("scenario-" + s.rule() + "-" + s.kind(), format, "check", "--inventory",
                        inventory.toString()));
            }
        }
        return tests;
    }

    private static DynamicTest golden(String name, String format, String... command) {
        String file = name + "." + (format.equals("text") ? "txt" : format);
        return dynamicTest(file, () -> {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                    java.util.stream.Stream.of("--format", format)).toArray(String[]::new);
            CliRun run = CliRun.of(args);
            // a message may name a file by its absolute path: the checkout's folder is not part of the output
            String here = Path.of("").toAbsolutePath() + "/";
            String actual = ("exit " + run.exit() + "\n--- stdout\n" + run.out() + "--- stderr\n" + run.err())
                    .replace(here, "");
            Path expected = GOLDEN.resolve(file);
            if (Boolean.getBoolean("maildrift.golden.update")) {
                Files.createDirectories(GOLDEN);
                Files.writeString(expected, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(expected).as("golden file %s (record it with -Dmaildrift.golden.update=true)", expected)
                    .exists();
            assertThat(actual).as("%s: %s", file, String.join(" ", args))
                    .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
        });
    }
}

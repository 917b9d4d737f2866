package org.maildrift.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs a rule's scenario and returns that rule's findings. */
public final class RuleTesting {

    private RuleTesting() {
    }

    public static List<Finding> findings(String rule, String kind, Path tmp) throws Exception {
        CheckReport report = Scenario.load(rule, kind).check(Files.createTempDirectory(tmp, kind));
        return report.findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }
}

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

    /** The whole report of an estate written in the scenario format ({@code --- NAME} sections). */
    public static CheckReport check(String text, Path tmp) throws Exception {
        return Scenario.parse("inline", "inline", text).check(Files.createTempDirectory(tmp, "inline"));
    }

    /** {@code rule}'s findings in an estate written in the scenario format. */
    public static List<Finding> findingsIn(String rule, String text, Path tmp) throws Exception {
        return check(text, tmp).findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }
}

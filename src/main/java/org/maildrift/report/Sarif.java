package org.maildrift.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.maildrift.inventory.Inventory;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.catalog.RuleCatalog;

/**
 * SARIF 2.1.0 for CI systems: one rule descriptor per catalogued rule, one result per finding located
 * at the config file and line to change (else at the host's entry in the inventory), and the
 * inconclusive conclusions as tool notifications.
 */
@JsonPropertyOrder({"$schema", "version", "runs"})
public record Sarif(@JsonProperty("$schema") String schema, String version, List<Run> runs) {

    /** One run of the tool. */
    @JsonPropertyOrder({"tool", "invocations", "results"})
    public record Run(Tool tool, List<Invocation> invocations, List<Result> results) {
    }

    /** The tool and what it can report. */
    public record Tool(Driver driver) {
    }

    /** maildrift, its version and its rules. */
    @JsonPropertyOrder({"name", "version", "rules"})
    public record Driver(String name, String version, List<Rule> rules) {
    }

    /** A catalogued rule. */
    @JsonPropertyOrder({"id", "shortDescription", "help", "defaultConfiguration", "properties"})
    public record Rule(String id, Text shortDescription, Text help, Level defaultConfiguration,
            Map<String, String> properties) {
    }

    /** A message. */
    public record Text(String text) {
    }

    /** A SARIF level: error, warning or note. */
    public record Level(String level) {
    }

    /** Whether the run succeeded, and the conclusions it could not reach. */
    @JsonPropertyOrder({"executionSuccessful", "toolExecutionNotifications"})
    public record Invocation(boolean executionSuccessful, List<Notification> toolExecutionNotifications) {
    }

    /** One conclusion that could not be reached. */
    @JsonPropertyOrder({"level", "message"})
    public record Notification(String level, Text message) {
    }

    /** One finding; {@code suppressions} when an accepted deviation suppressed it (shown as dismissed). */
    @JsonPropertyOrder({"ruleId", "ruleIndex", "level", "message", "locations", "partialFingerprints", "suppressions",
            "properties"})
    public record Result(String ruleId, int ruleIndex, String level, Text message, List<Location> locations,
            Map<String, String> partialFingerprints,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Suppression> suppressions, ResultProperties properties) {
    }

    /** SARIF 2.1.0 §3.35: suppressed outside the log, by maildrift's accepted deviations. */
    @JsonPropertyOrder({"kind", "justification"})
    public record Suppression(String kind, String justification) {
    }

    /** Where a finding is to be fixed. */
    public record Location(PhysicalLocation physicalLocation) {
    }

    /** A file and, when known, the line. */
    @JsonPropertyOrder({"artifactLocation", "region"})
    public record PhysicalLocation(ArtifactLocation artifactLocation,
            @JsonInclude(JsonInclude.Include.NON_NULL) Region region) {
    }

    /** A file, relative to the working directory where it lies inside it. */
    public record ArtifactLocation(String uri) {
    }

    /** A line. */
    public record Region(int startLine) {
    }

    /** maildrift's own facts about a finding. */
    @JsonPropertyOrder({"severity", "host", "subject", "evidence", "fix", "views"})
    public record ResultProperties(String severity, String host, String subject, List<String> evidence, String fix,
            List<String> views) {
    }

    /**
     * The SARIF log of a report. {@code base} is the working directory: files inside it are named
     * relative to it (CI checkouts), others by an absolute file URI. {@code describe} words an
     * inconclusive conclusion as the text output does.
     */
    public static Sarif of(CheckReport report, Inventory inventory, Path base, Function<Inconclusive, String> describe) {
        return of(new org.maildrift.accept.AcceptedDeviations.Applied(report, List.of()), inventory, base, describe);
    }

    /** The same, with the findings accepted deviations suppressed as results with their suppression. */
    public static Sarif of(org.maildrift.accept.AcceptedDeviations.Applied applied, Inventory inventory, Path base,
            Function<Inconclusive, String> describe) {
        CheckReport report = applied.report();
        List<RuleDefinition> defs = RuleCatalog.definitions();
        List<Rule> rules = new ArrayList<>();
        for (RuleDefinition d : defs) {
            rules.add(new Rule(d.id(), new Text(d.summary()), new Text(d.summary() + ". See docs/rules/" + d.id() + ".md."),
                    new Level(level(d.severity())), Map.of("maildrift-severity", d.severity().label())));
        }
        if (report.findings().stream().anyMatch(f -> f.rule().equals(org.maildrift.accept.AcceptedDeviations.EXPIRED))) {
            String id = org.maildrift.accept.AcceptedDeviations.EXPIRED;
            String summary = org.maildrift.accept.AcceptedDeviations.EXPIRED_SUMMARY;
            rules.add(new Rule(id, new Text(summary), new Text(summary + ". See docs/rules/" + id + ".md."),
                    new Level(level(Severity.WARNING)), Map.of("maildrift-severity", Severity.WARNING.label())));
        }
        String version = Sarif.class.getPackage().getImplementationVersion();
        Driver driver = new Driver("maildrift", version == null ? "dev" : version, rules);

        Path folder = inventory.file().toAbsolutePath().getParent();
        List<Result> results = new ArrayList<>();
        Map<Finding, String> justification = new java.util.IdentityHashMap<>();
        List<Finding> all = new ArrayList<>(report.findings());
        for (org.maildrift.accept.AcceptedDeviations.Suppressed s : applied.suppressed()) {
            if (s.finding() != null) {
                all.add(s.finding());
                justification.put(s.finding(), s.reason() + " (" + s.by() + (s.owner() == null ? "" : ", " + s.owner())
                        + (s.expires() == null ? "" : ", until " + s.expires()) + ")");
            }
        }
        List<String> ids = rules.stream().map(Rule::id).toList();
        for (Finding f : all) {
            String file;
            int line;
            if (f.location() != null && f.location().file() != null && !f.location().file().isEmpty()) {
                file = folder.resolve(f.location().file()).normalize().toString();
                line = f.location().line();
            } else {
                file = inventory.file().toAbsolutePath().normalize().toString();
                line = f.host() == null ? 1 : inventory.host(f.host()).map(Inventory.Host::line).orElse(1);
            }
            PhysicalLocation physical = new PhysicalLocation(new ArtifactLocation(uri(base, Path.of(file))),
                    line > 0 ? new Region(line) : null);
            Map<String, String> fingerprints = new LinkedHashMap<>();
            fingerprints.put("maildriftFindingKey/v1", f.key());
            String why = justification.get(f);
            results.add(new Result(f.rule(), ids.indexOf(f.rule()), level(f.severity()),
                    new Text(f.message() + ". Fix: " + f.fix()), List.of(new Location(physical)), fingerprints,
                    why == null ? List.of() : List.of(new Suppression("external", why)),
                    new ResultProperties(f.severity().label(), f.host(), f.subject(), f.evidence(), f.fix(), f.views())));
        }
        List<Notification> notes = report.inconclusive().stream()
                .map(i -> new Notification("warning", new Text("inconclusive: " + describe.apply(i)))).toList();
        Run run = new Run(new Tool(driver), List.of(new Invocation(true, notes)), results);
        return new Sarif("https://json.schemastore.org/sarif-2.1.0.json", "2.1.0", List.of(run));
    }

    static String level(Severity s) {
        return switch (s) {
            case CRITICAL -> "error";
            case WARNING -> "warning";
            default -> "note";
        };
    }

    private static String uri(Path base, Path file) {
        if (file.startsWith(base)) {
            return base.relativize(file).toString().replace('\\', '/');
        }
        return file.toUri().toString();
    }
}

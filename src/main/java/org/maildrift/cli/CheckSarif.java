package org.maildrift.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.maildrift.inventory.Inventory;
import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.RuleCatalog;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;

/**
 * SARIF 2.1.0 for CI systems: one rule descriptor per catalogued rule, one result per finding located
 * at the config file and line to change (else at the host's entry in the inventory), and the
 * inconclusive conclusions as tool notifications.
 */
final class CheckSarif {

    private CheckSarif() {
    }

    static Map<String, Object> log(CheckReport report, Inventory inventory, Path base) {
        List<RuleDefinition> defs = RuleCatalog.definitions();
        List<Object> rules = new ArrayList<>();
        for (RuleDefinition d : defs) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", d.id());
            r.put("shortDescription", Map.of("text", d.summary()));
            r.put("help", Map.of("text", d.summary() + ". See docs/rules/" + d.id() + ".md."));
            r.put("defaultConfiguration", Map.of("level", level(d.severity())));
            r.put("properties", Map.of("maildrift-severity", d.severity().label()));
            rules.add(r);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "maildrift");
        String version = CheckSarif.class.getPackage().getImplementationVersion();
        driver.put("version", version == null ? "dev" : version);
        driver.put("rules", rules);

        Path folder = inventory.file().toAbsolutePath().getParent();
        List<Object> results = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ruleId", f.rule());
            r.put("ruleIndex", indexOf(defs, f.rule()));
            r.put("level", level(f.severity()));
            r.put("message", Map.of("text", f.message() + ". Fix: " + f.fix()));
            String file;
            int line;
            if (f.location() != null && f.location().file() != null && !f.location().file().isEmpty()) {
                file = folder.resolve(f.location().file()).normalize().toString();
                line = f.location().line();
            } else {
                file = inventory.file().toAbsolutePath().normalize().toString();
                line = f.host() == null ? 1 : inventory.host(f.host()).map(Inventory.Host::line).orElse(1);
            }
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", Map.of("uri", uri(base, Path.of(file))));
            if (line > 0) {
                physical.put("region", Map.of("startLine", line));
            }
            r.put("locations", List.of(Map.of("physicalLocation", physical)));
            r.put("partialFingerprints", Map.of("maildriftFindingKey/v1", f.key()));
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("severity", f.severity().label());
            props.put("host", f.host());
            props.put("subject", f.subject());
            props.put("evidence", f.evidence());
            props.put("fix", f.fix());
            props.put("views", f.views());
            r.put("properties", props);
            results.add(r);
        }
        List<Object> notes = new ArrayList<>();
        for (Inconclusive i : report.inconclusive()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("level", "warning");
            n.put("message", Map.of("text", "inconclusive: " + CheckText.describe(i)));
            notes.add(n);
        }
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("executionSuccessful", true);
        invocation.put("toolExecutionNotifications", notes);

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("invocations", List.of(invocation));
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return log;
    }

    private static int indexOf(List<RuleDefinition> defs, String id) {
        for (int i = 0; i < defs.size(); i++) {
            if (defs.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    static String level(Severity s) {
        switch (s) {
            case CRITICAL:
                return "error";
            case WARNING:
                return "warning";
            default:
                return "note";
        }
    }

    /** Relative to the working directory when inside it (CI checkouts), else an absolute file URI. */
    private static String uri(Path base, Path file) {
        if (file.startsWith(base)) {
            return base.relativize(file).toString().replace('\\', '/');
        }
        return file.toUri().toString();
    }
}

package org.maildrift.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Inconclusive;

/** The documented JSON shape of a check (docs/check.md); field names are stable. */
final class CheckJson {

    private CheckJson() {
    }

    static Map<String, Object> report(CheckReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            findings.add(finding(f));
        }
        m.put("findings", findings);
        List<Object> inconclusive = new ArrayList<>();
        for (Inconclusive i : report.inconclusive()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", i.name());
            e.put("type", i.type());
            e.put("outcome", i.outcome());
            e.put("server", i.server());
            e.put("view", i.view());
            e.put("reason", i.reason());
            inconclusive.add(e);
        }
        m.put("inconclusive", inconclusive);
        m.put("summary", new LinkedHashMap<>(report.summary()));
        return m;
    }

    static Map<String, Object> finding(Finding f) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("rule", f.rule());
        e.put("severity", f.severity().label());
        e.put("host", f.host());
        e.put("subject", f.subject());
        e.put("message", f.message());
        e.put("evidence", f.evidence());
        e.put("fix", f.fix());
        if (f.location() != null) {
            Map<String, Object> loc = new LinkedHashMap<>();
            loc.put("file", f.location().file());
            loc.put("line", f.location().line());
            e.put("location", loc);
        } else {
            e.put("location", null);
        }
        e.put("views", f.views());
        e.put("key", f.key());
        return e;
    }
}

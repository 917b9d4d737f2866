package org.maildrift.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.maildrift.precheck.Change;
import org.maildrift.precheck.Precheck;
import org.maildrift.rules.CheckReport;

/** The JSON shape of a precheck (docs/precheck.md), shared by the CLI and {@code POST /api/prechecks}. */
public final class PrecheckJson {

    private PrecheckJson() {
    }

    /** The documented JSON shape (docs/precheck.md). */
    public static Map<String, Object> of(Precheck.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("introduced", r.introduced().stream().map(CheckJson::finding).toList());
        m.put("resolved", r.resolved().stream().map(CheckJson::finding).toList());
        m.put("unchanged", r.unchanged().stream().map(CheckJson::finding).toList());
        List<Object> suggestions = new ArrayList<>();
        for (Precheck.Suggestion s : r.suggestions()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("change", s.change() == null ? null : s.change().entry());
            e.put("yaml", s.change() == null ? null : s.change().yaml());
            e.put("fixes", s.findings());
            e.put("text", s.text());
            suggestions.add(e);
        }
        m.put("suggestions", suggestions);
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("clean", r.verdict().clean());
        verdict.put("changes", r.verdict().changes().stream().map(Change::entry).toList());
        verdict.put("remaining", r.verdict().remaining().stream().map(CheckJson::finding).toList());
        m.put("verdict", verdict);
        List<Object> chains = new ArrayList<>();
        for (Precheck.ChainChange c : r.chains()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", c.name());
            e.put("view", c.view());
            e.put("before", c.before());
            e.put("after", c.after());
            chains.add(e);
        }
        m.put("chains", chains);
        m.put("inconclusive", CheckJson.report(new CheckReport(List.of(), r.inconclusive())).get("inconclusive"));
        return m;
    }

}

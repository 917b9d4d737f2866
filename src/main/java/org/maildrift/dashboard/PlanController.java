package org.maildrift.dashboard;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.checks.CheckRunner;
import org.maildrift.checks.EstateView;
import org.maildrift.checks.PrecheckRunner;
import org.maildrift.precheck.Change;
import org.maildrift.precheck.ChangeSetException;
import org.maildrift.precheck.ChangeSetLoader;
import org.maildrift.precheck.Precheck;
import org.maildrift.rules.Finding;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * "Plan a change": a rename, an alias edit, a config edit or a whole change set in YAML, checked
 * against the estate with fresh evidence; shows what it would introduce and resolve, every mail route
 * it alters (before and after), and the fixes.
 */
@Controller
class PlanController {

    private final PrecheckRunner prechecks;
    private final CheckRunner runner;

    PlanController(PrecheckRunner prechecks, CheckRunner runner) {
        this.prechecks = prechecks;
        this.runner = runner;
    }

    /** The form's fields; every one may be empty. */
    record PlanForm(String renameFrom, String renameTo, String aliasName, String aliasTarget, String acceptHost,
            String acceptName, String paramHost, String paramName, String paramValue, String yaml) {

        static PlanForm empty() {
            return new PlanForm("", "", "", "", "", "", "", "", "", "");
        }

        /** The change set the fields describe, as YAML (the free text last). */
        String changeSet() {
            List<String> lines = new ArrayList<>();
            if (given(renameFrom) || given(renameTo)) {
                lines.add("- rename-host: {from: " + q(renameFrom) + ", to: " + q(renameTo) + "}");
            }
            if (given(aliasName) || given(aliasTarget)) {
                lines.add("- set-cname: {name: " + q(aliasName) + ", target: " + q(aliasTarget) + "}");
            }
            if (given(acceptHost) || given(acceptName)) {
                lines.add("- accept-name: {host: " + q(acceptHost) + ", name: " + q(acceptName) + "}");
            }
            if (given(paramHost) || given(paramName) || given(paramValue)) {
                lines.add("- set-parameter: {host: " + q(paramHost) + ", name: " + q(paramName) + ", value: "
                        + q(paramValue) + "}");
            }
            StringBuilder b = new StringBuilder(String.join("\n", lines));
            if (given(yaml)) {
                if (b.length() > 0) {
                    b.append('\n');
                }
                b.append(yaml.strip().startsWith("changes:") ? yaml.strip().substring("changes:".length()).stripLeading()
                        : yaml.strip());
            }
            return b.toString();
        }

        private static boolean given(String s) {
            return s != null && !s.isBlank();
        }

        private static String q(String s) {
            String v = s == null ? "" : s.strip();
            StringBuilder b = new StringBuilder("\"");
            for (char c : v.toCharArray()) {
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format("\\x%02x", (int) c));
                } else {
                    b.append(c);
                }
            }
            return b.append('"').toString();
        }
    }

    /** An introduced or resolved finding with its chain drawn as on the finding page. */
    record Shown(Finding finding, EvidenceChain chain) {
    }

    @GetMapping("/plan")
    String form(Model model) {
        model.addAttribute("form", PlanForm.empty());
        addHosts(model);
        return "plan";
    }

    @PostMapping("/plan")
    String plan(@ModelAttribute PlanForm form, Model model) {
        model.addAttribute("form", form);
        addHosts(model);
        String yaml = form.changeSet();
        model.addAttribute("changeSet", yaml);
        if (yaml.isBlank()) {
            model.addAttribute("error", "Describe a change: a rename, an alias, a config edit, or a change set.");
            return "plan";
        }
        try {
            List<List<Change>> parsed = new java.util.ArrayList<>(1);
            Precheck.Result r = prechecks.run(() -> {
                parsed.add(ChangeSetLoader.parse("plan", yaml));
                return parsed.get(0);
            });
            List<Change> changes = parsed.get(0);
            model.addAttribute("result", r);
            model.addAttribute("introduced", r.introduced().stream().map(f -> new Shown(f, EvidenceChain.of(f.steps())))
                    .toList());
            model.addAttribute("resolved", r.resolved().stream().map(f -> new Shown(f, EvidenceChain.of(f.steps())))
                    .toList());
            model.addAttribute("changes", changes);
        } catch (ChangeSetException e) {
            model.addAttribute("error", e.getMessage());
        } catch (PrecheckRunner.Unavailable e) {
            model.addAttribute("error", "The precheck could not run: " + e.getMessage());
        }
        return "plan";
    }

    private void addHosts(Model model) {
        model.addAttribute("hosts", runner.estate().map(e -> e.hosts().stream().map(EstateView.HostView::id).toList())
                .orElse(List.of()));
    }
}

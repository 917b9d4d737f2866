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

        /** Whether anything was asked. */
        boolean isBlank() {
            return !given(renameFrom) && !given(renameTo) && !given(aliasName) && !given(aliasTarget)
                    && !given(acceptHost) && !given(acceptName) && !given(paramHost) && !given(paramName)
                    && !given(paramValue) && !given(yaml);
        }

        /** The changes the fields describe, validated as a change set's would be (the free text last). */
        List<Change> changes() throws ChangeSetException {
            List<Change> out = new ArrayList<>();
            if (given(renameFrom) || given(renameTo)) {
                out.add(new Change.RenameHost(ChangeSetLoader.dnsName(WHERE, "rename-host.from", renameFrom),
                        ChangeSetLoader.dnsName(WHERE, "rename-host.to", renameTo), WHERE));
            }
            if (given(aliasName) || given(aliasTarget)) {
                out.add(new Change.SetCname(ChangeSetLoader.dnsName(WHERE, "set-cname.name", aliasName),
                        ChangeSetLoader.dnsName(WHERE, "set-cname.target", aliasTarget), WHERE));
            }
            if (given(acceptHost) || given(acceptName)) {
                out.add(new Change.AcceptName(ChangeSetLoader.hostId(WHERE, "accept-name.host", acceptHost),
                        ChangeSetLoader.dnsName(WHERE, "accept-name.name", acceptName), WHERE));
            }
            if (given(paramHost) || given(paramName) || given(paramValue)) {
                out.add(ChangeSetLoader.parameter(WHERE, paramHost, paramName, paramValue));
            }
            if (given(yaml)) {
                out.addAll(ChangeSetLoader.parse(WHERE, yaml));
            }
            return out;
        }

        private static boolean given(String s) {
            return s != null && !s.isBlank();
        }
    }

    private static final String WHERE = "plan";

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
        if (form.isBlank()) {
            model.addAttribute("error", "Describe a change: a rename, an alias, a config edit, or a change set.");
            return "plan";
        }
        try {
            List<List<Change>> parsed = new java.util.ArrayList<>(1);
            Precheck.Result r = prechecks.run(() -> {
                parsed.add(form.changes());
                return parsed.get(0);
            });
            List<Change> changes = parsed.get(0);
            model.addAttribute("changeSet", String.join("\n", changes.stream().map(c -> "- " + c.yaml()).toList()));
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

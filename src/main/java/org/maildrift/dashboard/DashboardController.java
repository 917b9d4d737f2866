package org.maildrift.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.maildrift.checks.CheckRunner;
import org.maildrift.api.FindingFilter;
import org.maildrift.checks.EstateView;
import org.maildrift.checks.FindingQueries;
import org.maildrift.checks.LedgerEntry;
import org.maildrift.checks.RunSummary;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.catalog.RuleCatalog;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One page per area: overview, findings, finding detail, hosts, runs, rules, inventory. */
@Controller
class DashboardController {

    private static final int PAGE_SIZE = 50;

    private final FindingQueries queries;
    private final CheckRunner runner;
    private final org.maildrift.alerts.Alerts alerts;
    private final org.maildrift.checks.Acceptances acceptances;

    DashboardController(FindingQueries queries, CheckRunner runner, org.maildrift.alerts.Alerts alerts,
            org.maildrift.checks.Acceptances acceptances) {
        this.acceptances = acceptances;
        this.queries = queries;
        this.runner = runner;
        this.alerts = alerts;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String overview(Model model) {
        Map<String, Long> open = queries.openBySeverity();
        model.addAttribute("open", open);
        model.addAttribute("openTotal", open.values().stream().mapToLong(Long::longValue).sum());
        model.addAttribute("lastRun", queries.lastRun().orElse(null));
        model.addAttribute("running", runner.isRunning());
        Page<LedgerEntry> top = queries.findings(FindingQueries.Filter.open(), PageRequest.of(0, 20));
        model.addAttribute("top", top.getContent());
        model.addAttribute("topMore", top.getTotalElements() - top.getNumberOfElements());
        model.addAttribute("hosts", hostRows());
        List<RunSummary> recent = new ArrayList<>(queries.runs(PageRequest.of(0, 60)).getContent());
        java.util.Collections.reverse(recent);
        model.addAttribute("chart", Chart.of(recent));
        return "overview";
    }

    /** A host with its open findings, for the overview. */
    record HostRow(String id, String mta, String hostname, long critical, long warning, long notice) {
        public String state() {
            return critical > 0 ? "critical" : warning > 0 ? "warning" : notice > 0 ? "notice" : "ok";
        }
    }

    private List<HostRow> hostRows() {
        Map<String, Map<String, Long>> open = queries.openByHost();
        List<HostRow> rows = new ArrayList<>();
        for (EstateView.HostView h : runner.estate().map(EstateView::hosts).orElse(List.of())) {
            Map<String, Long> counts = open.getOrDefault(h.id(), Map.of());
            rows.add(new HostRow(h.id(), h.mta(), h.hostname(), counts.getOrDefault("critical", 0L),
                    counts.getOrDefault("warning", 0L), counts.getOrDefault("notice", 0L)));
        }
        return rows;
    }

    @PostMapping("/checks")
    String checkNow(RedirectAttributes redirect) {
        boolean started = runner.start("dashboard");
        redirect.addFlashAttribute("notice", started ? "A check has started; this page shows it when it is done."
                : "A check is already running.");
        return "redirect:/";
    }

    @GetMapping("/findings")
    String findings(FindingFilter asked, @RequestParam(defaultValue = "0") int page, Model model) {
        FindingQueries.Filter filter;
        try {
            filter = asked.toFilter();
        } catch (FindingFilter.BadParameter e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        Page<LedgerEntry> result = queries.findings(filter, PageRequest.of(page(page), PAGE_SIZE));
        model.addAttribute("page", result);
        model.addAttribute("filter", filter);
        model.addAttribute("stateParam", asked.stateParam());
        model.addAttribute("states", List.of("open", "pending", "resolved", "dismissed", "all"));
        model.addAttribute("severities", List.of("critical", "warning", "notice", "info"));
        model.addAttribute("rules", RuleCatalog.definitions().stream().map(RuleDefinition::id).toList());
        model.addAttribute("hosts", runner.estate().map(e -> e.hosts().stream().map(EstateView.HostView::id).toList())
                .orElse(List.of()));
        return "findings";
    }

    @GetMapping("/findings/{id}")
    String finding(@PathVariable long id, Model model) {
        LedgerEntry f = queries.finding(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("f", f);
        model.addAttribute("chain", EvidenceChain.of(f));
        model.addAttribute("history", queries.history(id, 50));
        model.addAttribute("silence", alerts.silenceFor(f).orElse(null));
        // the dashboard's acceptances that match a finding the file accepted first: the file wins, and says so
        String by = org.maildrift.checks.Acceptances.sourceOf(f.acceptedBy());
        model.addAttribute("alsoAccepted", by == null || by.startsWith("acceptance #") ? List.of()
                : acceptances.alsoMatching(f));
        model.addAttribute("defaultExpiry", acceptances.today().plusDays(90).toString());
        model.addAttribute("latestExpiry", acceptances.latestExpiry().toString());
        return "finding";
    }

    @GetMapping("/hosts")
    String hosts(Model model) {
        model.addAttribute("estate", runner.estate().orElse(null));
        return "hosts";
    }

    @GetMapping("/runs")
    String runs(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", queries.runs(PageRequest.of(page(page), PAGE_SIZE)));
        return "runs";
    }

    @GetMapping("/runs/{id}")
    String run(@PathVariable long id, Model model) {
        RunSummary run = queries.run(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("run", run);
        model.addAttribute("changed", queries.changedIn(id));
        model.addAttribute("diff", queries.previousCompleted(id).map(p -> queries.diff(p.id(), id)).orElse(null));
        model.addAttribute("inconclusive", queries.inconclusive(id));
        return "run";
    }

    @GetMapping("/rules")
    String rules(Model model) {
        model.addAttribute("rules", RuleCatalog.definitions());
        return "rules";
    }

    @GetMapping("/rules/{id}")
    String rule(@PathVariable String id, Model model) throws IOException {
        RuleDefinition def = RuleCatalog.definitions().stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("rule", def);
        try (InputStream in = getClass().getResourceAsStream("/docs/rules/" + id + ".md")) {
            model.addAttribute("doc", in == null ? List.of() : Markdown.blocks(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        return "rule";
    }

    /** What the inventory page shows of the file at most. */
    static final int INVENTORY_SHOWN = 256 * 1024;

    /** A page number from a link or a hand-typed URL: past the last page's bound it is a client error (400). */
    private static int page(int page) {
        if (page < 0 || page > FindingQueries.MAX_PAGE) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.BAD_REQUEST, "page: must be from 0 to "
                    + FindingQueries.MAX_PAGE);
        }
        return page;
    }

    @GetMapping("/inventory")
    String inventory(Model model) throws IOException {
        model.addAttribute("file", runner.inventoryFile().toString());
        model.addAttribute("estate", runner.estate().orElse(null));
        String text;
        boolean cut = false;
        try (java.io.InputStream in = Files.newInputStream(runner.inventoryFile())) {
            byte[] head = in.readNBytes(INVENTORY_SHOWN + 1);
            cut = head.length > INVENTORY_SHOWN;
            text = new String(head, 0, Math.min(head.length, INVENTORY_SHOWN), StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "cannot read " + runner.inventoryFile() + ": " + e.getClass().getSimpleName();
        }
        model.addAttribute("text", text);
        model.addAttribute("cut", cut ? "Only the first " + INVENTORY_SHOWN / 1024 + " KiB of the file are shown." : null);
        return "inventory";
    }
}

package org.maildrift.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.maildrift.checks.CheckRunner;
import org.maildrift.checks.EstateView;
import org.maildrift.checks.FindingQueries;
import org.maildrift.checks.LedgerEntry;
import org.maildrift.checks.RunSummary;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.catalog.RuleCatalog;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Runs, findings, hosts and rules as JSON. */
@RestController
@RequestMapping("/api")
class ApiController {

    static final int MAX_PAGE_SIZE = 500;

    private final FindingQueries queries;
    private final CheckRunner runner;

    ApiController(FindingQueries queries, CheckRunner runner) {
        this.queries = queries;
        this.runner = runner;
    }

    record PageBody<T>(List<T> items, int page, int size, long total, int pages) {
        static <T> PageBody<T> of(Page<T> p) {
            return new PageBody<>(p.getContent(), p.getNumber(), p.getSize(), p.getTotalElements(), p.getTotalPages());
        }
    }

    record RunBody(RunSummary run, List<LedgerEntry> changed, List<Inconclusive> inconclusive) {
    }

    record FindingBody(LedgerEntry finding, List<FindingQueries.HistoryItem> history) {
    }

    record RuleBody(String id, String severity, String summary, String doc) {
    }

    @GetMapping("/runs")
    PageBody<RunSummary> runs(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return PageBody.of(queries.runs(page(page, size)));
    }

    @GetMapping("/runs/{id}")
    RunBody run(@PathVariable long id) {
        RunSummary run = queries.run(id).orElseThrow(() -> notFound("run " + id));
        return new RunBody(run, queries.changedIn(id), queries.inconclusive(id));
    }

    /** What run {@code id} saw that run {@code against} (default: the completed run before it) did not, and back. */
    @GetMapping("/runs/{id}/diff")
    FindingQueries.RunDiff diff(@PathVariable long id, @RequestParam(required = false) Long against) {
        queries.run(id).orElseThrow(() -> notFound("run " + id));
        long from = against != null ? queries.run(against).orElseThrow(() -> notFound("run " + against)).id()
                : queries.previousCompleted(id).map(RunSummary::id).orElseThrow(() -> notFound("run before " + id));
        return queries.diff(from, id);
    }

    @PostMapping("/runs")
    ResponseEntity<Map<String, Object>> startRun() {
        if (!runner.start("api")) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "a check is already running");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "started");
        body.put("runs", "/api/runs");
        return ResponseEntity.accepted().location(URI.create("/api/runs")).body(body);
    }

    @GetMapping("/findings")
    PageBody<LedgerEntry> findings(FindingFilter filter, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return PageBody.of(queries.findings(filter.toFilter(), page(page, size)));
    }

    @GetMapping("/findings/{id}")
    FindingBody finding(@PathVariable long id) {
        LedgerEntry f = queries.finding(id).orElseThrow(() -> notFound("finding " + id));
        return new FindingBody(f, queries.history(id, 50));
    }

    @GetMapping("/hosts")
    List<EstateView.HostView> hosts() {
        return runner.estate().map(EstateView::hosts).orElse(List.of());
    }

    @GetMapping("/rules")
    List<RuleBody> rules() {
        List<RuleBody> out = new ArrayList<>();
        for (RuleDefinition d : RuleCatalog.definitions()) {
            out.add(new RuleBody(d.id(), d.severity().label(), d.summary(), "/rules/" + d.id()));
        }
        return out;
    }


    static PageRequest page(int page, int size) {
        if (page < 0 || page > FindingQueries.MAX_PAGE) {
            throw new FindingFilter.BadParameter("page", String.valueOf(page), "0 to " + FindingQueries.MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new FindingFilter.BadParameter("size", String.valueOf(size), "1 to " + MAX_PAGE_SIZE);
        }
        return PageRequest.of(page, size);
    }

    private static ResponseStatusException notFound(String what) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + what);
    }

    @ExceptionHandler(FindingFilter.BadParameter.class)
    ProblemDetail badParameter(FindingFilter.BadParameter e) {
        return Problems.invalid("Invalid request parameter", e.getMessage(), e.field());
    }
}

package org.maildrift.dashboard;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.maildrift.checks.Acceptances;
import org.maildrift.checks.CheckRunner;
import org.maildrift.checks.FindingQueries;
import org.maildrift.checks.LedgerEntry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Accepting a finding from its page, the list of acceptances (the dashboard's and the file's), removal, and the
 * export in the file's format.
 */
@Controller
class AcceptancesController {

    private final Acceptances acceptances;
    private final FindingQueries queries;
    private final CheckRunner runner;

    AcceptancesController(Acceptances acceptances, FindingQueries queries, CheckRunner runner) {
        this.acceptances = acceptances;
        this.queries = queries;
        this.runner = runner;
    }

    @GetMapping("/acceptances")
    String list(Model model) {
        model.addAttribute("acceptances", acceptances.list());
        model.addAttribute("file", runner.fileAccepted());
        model.addAttribute("today", acceptances.today());
        return "acceptances";
    }

    /** Accepts the finding: its rule and host, its subject (or a glob the admin widened it to), a reason, a day. */
    @PostMapping("/findings/{id}/accept")
    String accept(@PathVariable long id, @RequestParam(required = false) String subject,
            @RequestParam(required = false) String reason, @RequestParam(required = false) String expires,
            Principal who, RedirectAttributes redirect) {
        LedgerEntry f = queries.finding(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            var a = acceptances.accept(new Acceptances.Request(f.rule(), f.host(), subject, reason, day(expires), id),
                    who.getName());
            redirect.addFlashAttribute("notice", "Accepted as " + a.source() + " until " + a.expires()
                    + ": not alerted, and shown as accepted.");
        } catch (Acceptances.BadAcceptance e) {
            redirect.addFlashAttribute("error", "Not accepted: " + e.getMessage());
        }
        return "redirect:/findings/" + id;
    }

    @PostMapping("/acceptances/{id}/remove")
    String remove(@PathVariable long id, Principal who, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", acceptances.remove(id, who.getName())
                .map(a -> a.source() + " removed: what it covered is alerted again from the next check.")
                .orElse("There is no acceptance " + id + "."));
        return "redirect:/acceptances";
    }

    @GetMapping("/acceptances/export.yml")
    ResponseEntity<String> export() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"maildrift-accepted.yml\"")
                .body(acceptances.exportYaml(runner.estate().map(org.maildrift.checks.EstateView::site).orElse(null)));
    }

    static LocalDate day(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new Acceptances.BadAcceptance("expires", "not a date such as 2027-06-30");
        }
    }
}

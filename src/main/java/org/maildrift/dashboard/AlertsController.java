package org.maildrift.dashboard;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.maildrift.alerts.Alerts;
import org.maildrift.alerts.Silences;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.catalog.RuleCatalog;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The alerts page: delivery status in words, the outbox with resend, silences, and a test alert. */
@Controller
class AlertsController {

    private final Alerts alerts;
    private final Silences silences;
    private final Clock clock;

    AlertsController(Alerts alerts, Silences silences, Clock clock) {
        this.alerts = alerts;
        this.silences = silences;
        this.clock = clock;
    }

    @GetMapping("/alerts")
    String alerts(Model model) {
        model.addAttribute("status", alerts.status());
        model.addAttribute("notices", alerts.notices(50));
        model.addAttribute("silences", silences.recent());
        model.addAttribute("now", clock.instant());
        model.addAttribute("rules", RuleCatalog.definitions().stream().map(RuleDefinition::id).toList());
        model.addAttribute("defaultEnd", LocalDateTime.ofInstant(clock.instant().plus(Duration.ofDays(1)), ZoneOffset.UTC)
                .withSecond(0).withNano(0).toString());
        return "alerts";
    }

    @GetMapping("/alerts/notices/{id}")
    String notice(@PathVariable long id, Model model) {
        model.addAttribute("notice", alerts.notice(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("items", alerts.items(id));
        return "notice";
    }

    @PostMapping("/alerts/test")
    String test(Principal who, RedirectAttributes redirect) {
        int n = alerts.sendTest(who.getName());
        redirect.addFlashAttribute("notice", n == 0 ? "No test alert queued: no recipients are configured"
                + " (maildrift.alerts.to)." : "A test alert is queued for " + n + " recipients; its delivery shows below.");
        return "redirect:/alerts";
    }

    @PostMapping("/alerts/notices/{id}/resend")
    String resend(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", alerts.resend(id) ? "Alert " + id + " is queued again."
                : "Alert " + id + " is not a failed alert; nothing to resend.");
        return "redirect:/alerts";
    }

    /** {@code endsAt} is a local date-time in UTC as a datetime-local field sends it (2026-11-28T14:00). */
    @PostMapping("/alerts/silences")
    String silence(@RequestParam(required = false) String rule, @RequestParam(required = false) String host,
            @RequestParam(required = false) String subject, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String endsAt, Principal who, RedirectAttributes redirect) {
        try {
            Instant end = parseEnd(endsAt);
            var s = silences.create(new Silences.Request(rule, host, subject, reason, end), who.getName());
            redirect.addFlashAttribute("notice", "Silence " + s.id() + " (" + s.describe() + ") holds until "
                    + s.endsAt() + ".");
        } catch (Silences.BadSilence e) {
            redirect.addFlashAttribute("error", "Silence not set: " + e.getMessage());
        }
        return "redirect:/alerts";
    }

    @PostMapping("/alerts/silences/{id}/end")
    String endSilence(@PathVariable long id, Principal who, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", silences.end(id, who.getName()).map(s -> "Silence " + id + " ended.")
                .orElse("There is no silence " + id + "."));
        return "redirect:/alerts";
    }

    private static Instant parseEnd(String endsAt) {
        if (endsAt == null || endsAt.isBlank()) {
            throw new Silences.BadSilence("endsAt", "give an end time");
        }
        try {
            return endsAt.endsWith("Z") ? Instant.parse(endsAt) : LocalDateTime.parse(endsAt).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Silences.BadSilence("endsAt", "'" + endsAt + "' is not a date and time like 2026-11-28T14:00");
        }
    }
}

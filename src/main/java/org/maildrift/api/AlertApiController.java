package org.maildrift.api;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import org.maildrift.alerts.Alerts;
import org.maildrift.alerts.Notice;
import org.maildrift.alerts.Silence;
import org.maildrift.alerts.Silences;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Alerts over REST, for scripts: the delivery status, the outbox, test alerts and resends, and silences
 * (a change window can silence its hosts before it starts and end the silence after).
 */
@RestController
@RequestMapping("/api")
class AlertApiController {

    private final Alerts alerts;
    private final Silences silences;

    AlertApiController(Alerts alerts, Silences silences) {
        this.alerts = alerts;
        this.silences = silences;
    }

    @GetMapping("/alerts")
    Alerts.Status status() {
        return alerts.status();
    }

    @GetMapping("/alerts/notices")
    List<Notice> notices(@RequestParam(defaultValue = "50") int max) {
        if (max < 1 || max > 500) {
            throw new Silences.BadSilence("max", "give 1 to 500");
        }
        return alerts.notices(max);
    }

    @PostMapping("/alerts/test")
    ResponseEntity<Object> test(Principal who) {
        int n = alerts.sendTest(who.getName());
        if (n == 0) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "no alert recipients are configured (maildrift.alerts.to)");
        }
        return ResponseEntity.accepted().body(java.util.Map.of("queued", n));
    }

    @PostMapping("/alerts/notices/{id}/resend")
    ResponseEntity<Void> resend(@PathVariable long id) {
        if (alerts.notice(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no alert notice " + id);
        }
        if (!alerts.resend(id)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "alert notice " + id + " has not failed");
        }
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/silences")
    List<Silence> silences() {
        return silences.recent();
    }

    /** What a client sends: matchers, a reason, and an end (ISO-8601 instant, at most 30 days ahead). */
    record SilenceBody(String rule, String host, String subject, String reason, Instant endsAt) {
    }

    @PostMapping("/silences")
    ResponseEntity<Silence> silence(@RequestBody SilenceBody body, Principal who) {
        Silence s = silences.create(new Silences.Request(body.rule(), body.host(), body.subject(), body.reason(),
                body.endsAt()), who.getName());
        return ResponseEntity.created(URI.create("/api/silences/" + s.id())).body(s);
    }

    @DeleteMapping("/silences/{id}")
    Silence endSilence(@PathVariable long id, Principal who) {
        return silences.end(id, who.getName())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no silence " + id));
    }

    @ExceptionHandler(Silences.BadSilence.class)
    ProblemDetail bad(Silences.BadSilence e) {
        return Problems.invalid("Invalid request", e.getMessage(), e.field());
    }
}

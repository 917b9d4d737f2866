package org.maildrift.api;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;

import org.maildrift.checks.Acceptance;
import org.maildrift.checks.Acceptances;
import org.maildrift.checks.CheckRunner;
import org.maildrift.checks.EstateView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Accepted findings over REST: the list, accepting (an admin, who becomes the owner), removal and the export. */
@RestController
@RequestMapping("/api/acceptances")
class AcceptanceApiController {

    private final Acceptances acceptances;
    private final CheckRunner runner;

    AcceptanceApiController(Acceptances acceptances, CheckRunner runner) {
        this.acceptances = acceptances;
        this.runner = runner;
    }

    @GetMapping
    List<Acceptances.Listed> list() {
        return acceptances.list();
    }

    /** What a client sends: the rule, optionally host and subject (a glob), the reason and the last day. */
    record AcceptanceBody(String rule, String host, String subject, String reason, LocalDate expires, Long findingId) {
    }

    @PostMapping
    ResponseEntity<Acceptance> accept(@RequestBody AcceptanceBody body, Principal who) {
        Acceptance a = acceptances.accept(new Acceptances.Request(body.rule(), body.host(), body.subject(),
                body.reason(), body.expires(), body.findingId()), who.getName());
        return ResponseEntity.created(URI.create("/api/acceptances/" + a.id())).body(a);
    }

    @DeleteMapping("/{id}")
    Acceptance remove(@PathVariable long id, Principal who) {
        return acceptances.remove(id, who.getName())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no acceptance " + id));
    }

    @GetMapping(value = "/export", produces = "application/yaml")
    ResponseEntity<String> export() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8"))
                .body(acceptances.exportYaml(runner.estate().map(EstateView::site).orElse(null)));
    }

    @ExceptionHandler(Acceptances.BadAcceptance.class)
    ProblemDetail bad(Acceptances.BadAcceptance e) {
        return Problems.invalid("Invalid acceptance", e.getMessage(), e.field());
    }
}

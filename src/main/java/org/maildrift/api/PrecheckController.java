package org.maildrift.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.maildrift.checks.Prechecks;
import org.maildrift.cli.PrecheckJson;
import org.maildrift.precheck.ChangeSetException;
import org.maildrift.precheck.ChangeSetLoader;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/prechecks}: a change set as JSON ({@code {"changes": [{"rename-host": {…}}]}}) or
 * YAML, checked against the service's inventory with fresh evidence; the answer has the shape of
 * {@code maildrift precheck --format json}. Whole proposed files come as {@code text}, never as a path.
 */
@RestController
@RequestMapping("/api")
class PrecheckController {

    static final int MAX_BODY = 4 * 1024 * 1024;

    private final Prechecks prechecks;

    PrecheckController(Prechecks prechecks) {
        this.prechecks = prechecks;
    }

    @PostMapping(path = "/prechecks", consumes = {"application/json", "application/yaml", "application/x-yaml",
        "text/yaml", "text/plain"})
    Map<String, Object> precheck(@RequestBody byte[] body) throws ChangeSetException {
        if (body.length > MAX_BODY) {
            throw new ChangeSetException("request body", null, "larger than " + MAX_BODY + " bytes");
        }
        return PrecheckJson.of(prechecks.run(ChangeSetLoader.parse("request body",
                new String(body, StandardCharsets.UTF_8))));
    }

    @ExceptionHandler(ChangeSetException.class)
    ProblemDetail badChange(ChangeSetException e) {
        return Problems.invalid("Invalid change set", e.getMessage(), e.field());
    }

    @ExceptionHandler(Prechecks.Unavailable.class)
    ProblemDetail unavailable(Prechecks.Unavailable e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        p.setTitle("Precheck not possible now");
        return p;
    }
}

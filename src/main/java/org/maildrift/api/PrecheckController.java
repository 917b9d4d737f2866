package org.maildrift.api;


import org.maildrift.checks.PrecheckRunner;
import org.maildrift.precheck.ChangeSetException;
import org.maildrift.precheck.ChangeSetLoader;
import org.maildrift.report.PrecheckJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
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

    static final int MAX_BODY = 1024 * 1024;

    private final PrecheckRunner prechecks;

    PrecheckController(PrecheckRunner prechecks) {
        this.prechecks = prechecks;
    }

    @PostMapping(path = "/prechecks", consumes = {"application/json", "application/yaml", "application/x-yaml",
        "text/yaml", "text/plain"})
    PrecheckJson precheck(jakarta.servlet.http.HttpServletRequest request) throws ChangeSetException,
            java.io.IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new TooLarge();
        }
        byte[] body;
        try (java.io.InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new TooLarge();
        }
        return PrecheckJson.of(prechecks.run(() -> ChangeSetLoader.parse("request body", decode(body))));
    }

    private static String decode(byte[] body) throws ChangeSetException {
        try {
            return org.maildrift.files.TextFile.decode("request body", body);
        } catch (org.maildrift.files.TextFile.Unreadable e) {
            throw new ChangeSetException("request body", null, e.problem());
        }
    }

    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("the change set is larger than " + MAX_BODY + " bytes", null, false, false);
        }
    }

    @ExceptionHandler(TooLarge.class)
    ProblemDetail tooLarge(TooLarge e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        p.setTitle("Change set too large");
        return p;
    }

    @ExceptionHandler(ChangeSetException.class)
    ProblemDetail badChange(ChangeSetException e) {
        return Problems.invalid("Invalid change set", e.getMessage(), e.field());
    }

    @ExceptionHandler(PrecheckRunner.Unavailable.class)
    org.springframework.http.ResponseEntity<ProblemDetail> unavailable(PrecheckRunner.Unavailable e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        p.setTitle("Precheck not possible now");
        return org.springframework.http.ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Integer.toString(PrecheckRunner.RETRY_AFTER_SECONDS)).body(p);
    }
}

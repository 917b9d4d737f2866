package org.maildrift.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details for requests the API does not take: 400, naming the field at fault. */
final class Problems {

    private Problems() {
    }

    static ProblemDetail invalid(String title, String detail, String field) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        p.setTitle(title);
        if (field != null) {
            p.setProperty("field", field);
        }
        return p;
    }
}

package org.maildrift.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.maildrift.rules.Finding;

/** One finding as JSON reports show it (docs/check.md, "findings[]"). */
@JsonPropertyOrder({"rule", "severity", "host", "subject", "message", "evidence", "fix", "location", "views", "key"})
public record FindingJson(String rule, String severity, String host, String subject, String message,
        List<String> evidence, String fix, LocationJson location, List<String> views, String key) {

    /** The file and line to change. */
    @JsonPropertyOrder({"file", "line"})
    public record LocationJson(String file, int line) {
    }

    public static FindingJson of(Finding f) {
        return new FindingJson(f.rule(), f.severity().label(), f.host(), f.subject(), f.message(), f.evidence(),
                f.fix(), f.location() == null ? null : new LocationJson(f.location().file(), f.location().line()),
                f.views(), f.key());
    }

    public static List<FindingJson> of(List<Finding> findings) {
        return findings.stream().map(FindingJson::of).toList();
    }
}

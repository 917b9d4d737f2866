package org.maildrift.report;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.maildrift.accept.AcceptedDeviations;
import org.maildrift.rules.CheckReport;

/**
 * The JSON of {@code maildrift check --format json} (docs/check.md); field names are stable. {@code suppressed}
 * appears when accepted deviations suppressed something.
 */
@JsonPropertyOrder({"findings", "inconclusive", "suppressed", "summary"})
public record CheckJson(List<FindingJson> findings, List<InconclusiveJson> inconclusive,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SuppressedJson> suppressed, Map<String, Long> summary) {

    public static CheckJson of(CheckReport report) {
        return of(new AcceptedDeviations.Applied(report, List.of()));
    }

    public static CheckJson of(AcceptedDeviations.Applied applied) {
        CheckReport report = applied.report();
        return new CheckJson(FindingJson.of(report.findings()), InconclusiveJson.of(report.inconclusive()),
                SuppressedJson.of(applied.suppressed()), report.summary());
    }
}

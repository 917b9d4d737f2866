package org.maildrift.report;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.maildrift.rules.CheckReport;

/** The JSON of {@code maildrift check --format json} (docs/check.md); field names are stable. */
@JsonPropertyOrder({"findings", "inconclusive", "summary"})
public record CheckJson(List<FindingJson> findings, List<InconclusiveJson> inconclusive, Map<String, Long> summary) {

    public static CheckJson of(CheckReport report) {
        return new CheckJson(FindingJson.of(report.findings()), InconclusiveJson.of(report.inconclusive()),
                report.summary());
    }
}

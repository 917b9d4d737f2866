package org.maildrift.report;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.maildrift.accept.AcceptedDeviations;
import org.maildrift.rules.CheckReport;

/**
 * The JSON of {@code maildrift check --format json} (docs/check.md); field names are stable. {@code suppressed}
 * appears when accepted deviations suppressed something, {@code unmatched} when an entry in force matched nothing.
 */
@JsonPropertyOrder({"findings", "inconclusive", "suppressed", "unmatched", "summary"})
public record CheckJson(List<FindingJson> findings, List<InconclusiveJson> inconclusive,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SuppressedJson> suppressed,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<UnmatchedJson> unmatched, Map<String, Long> summary) {

    /**
     * An accepted entry in force that matched nothing in this run: a candidate for removal (the service, which keeps
     * history, reports one quiet for 30 days as {@code suppression-stale}).
     */
    @JsonPropertyOrder({"entry", "accepts", "owner", "expires"})
    public record UnmatchedJson(String entry, String accepts, String owner, String expires) {
    }

    public static CheckJson of(CheckReport report) {
        return of(new AcceptedDeviations.Applied(report, List.of()));
    }

    public static CheckJson of(AcceptedDeviations.Applied applied) {
        CheckReport report = applied.report();
        return new CheckJson(FindingJson.of(report.findings()), InconclusiveJson.of(report.inconclusive()),
                SuppressedJson.of(applied.suppressed()), applied.unmatched().stream().map(u -> new UnmatchedJson(
                        u.where(), u.what(), u.entry().owner(), u.entry().expires().toString())).toList(),
                report.summary());
    }
}

package org.maildrift.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.maildrift.accept.AcceptedDeviations;

/**
 * A finding, or a conclusion not reached, that an accepted deviation suppressed (docs/check.md, "suppressed[]"),
 * with the entry or rule setting that did: its file and line, reason, owner and expiry.
 */
@JsonPropertyOrder({"finding", "inconclusive", "acceptedBy"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuppressedJson(FindingJson finding, InconclusiveJson inconclusive, AcceptedBy acceptedBy) {

    /** The entry or setting: where it is, why, who, until when (null for a rule setting). */
    @JsonPropertyOrder({"entry", "reason", "owner", "expires"})
    public record AcceptedBy(String entry, String reason, @JsonInclude(JsonInclude.Include.ALWAYS) String owner,
            @JsonInclude(JsonInclude.Include.ALWAYS) String expires) {
    }

    public static List<SuppressedJson> of(List<AcceptedDeviations.Suppressed> all) {
        return all.stream().map(s -> new SuppressedJson(s.finding() == null ? null : FindingJson.of(s.finding()),
                s.inconclusive() == null ? null : InconclusiveJson.of(List.of(s.inconclusive())).get(0),
                new AcceptedBy(s.by(), s.reason(), s.owner(), s.expires() == null ? null : s.expires().toString())))
                .toList();
    }
}

package org.maildrift.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.maildrift.rules.Inconclusive;

/** A conclusion that could not be reached (docs/check.md, "inconclusive[]"). */
@JsonPropertyOrder({"name", "type", "outcome", "server", "view", "reason"})
public record InconclusiveJson(String name, String type, String outcome, String server, String view, String reason) {

    public static List<InconclusiveJson> of(List<Inconclusive> all) {
        return all.stream().map(i -> new InconclusiveJson(i.name(), i.type(), i.outcome(), i.server(), i.view(),
                i.reason())).toList();
    }
}

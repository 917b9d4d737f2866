package org.maildrift.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.maildrift.dns.model.DnsAnswer;

/** One answer of {@code maildrift dns --format json}: the outcome, the CNAME chain, the records and who said so. */
@JsonPropertyOrder({"name", "type", "outcome", "chain", "records", "error", "detail", "server", "view"})
public record DnsAnswerJson(String name, String type, String outcome, List<Hop> chain, List<String> records,
        String error, String detail, String server, String view) {

    /** One CNAME of the chain. */
    @JsonPropertyOrder({"alias", "target"})
    public record Hop(String alias, String target) {
    }

    public static DnsAnswerJson of(DnsAnswer a) {
        return new DnsAnswerJson(a.name(), a.type().name(), a.outcome().label(),
                a.chain().stream().map(h -> new Hop(h.alias(), h.target())).toList(), List.copyOf(a.records()),
                a.error() == null ? null : a.error().label(), a.detail(), a.server(), a.view());
    }
}

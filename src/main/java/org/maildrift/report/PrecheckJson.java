package org.maildrift.report;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.maildrift.precheck.Change;
import org.maildrift.precheck.Precheck;

/**
 * The JSON of {@code maildrift precheck --format json} and of {@code POST /api/prechecks}
 * (docs/precheck.md).
 */
@JsonPropertyOrder({"introduced", "resolved", "unchanged", "suggestions", "verdict", "chains", "inconclusive",
        "suppressed"})
public record PrecheckJson(List<FindingJson> introduced, List<FindingJson> resolved, List<FindingJson> unchanged,
        List<SuggestionJson> suggestions, VerdictJson verdict, List<ChainJson> chains,
        List<InconclusiveJson> inconclusive,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<SuppressedJson> suppressed) {

    /** The same, listing the introduced findings that accepted deviations suppressed. */
    public static PrecheckJson of(Precheck.Result r, List<org.maildrift.accept.AcceptedDeviations.Suppressed> s) {
        PrecheckJson j = of(r);
        return new PrecheckJson(j.introduced(), j.resolved(), j.unchanged(), j.suggestions(), j.verdict(), j.chains(),
                j.inconclusive(), SuppressedJson.of(s));
    }

    /** A change-set entry that fixes findings the change would introduce, with its words. */
    @JsonPropertyOrder({"change", "yaml", "fixes", "text"})
    public record SuggestionJson(Map<String, Object> change, String yaml, List<String> fixes, String text) {
    }

    /** Whether the change plus the suggested entries is clean, checked again. */
    @JsonPropertyOrder({"clean", "changes", "remaining"})
    public record VerdictJson(boolean clean, List<Map<String, Object>> changes, List<FindingJson> remaining) {
    }

    /** A mail route (CNAME chain) that the change alters, before and after, in one view. */
    @JsonPropertyOrder({"name", "view", "before", "after"})
    public record ChainJson(String name, String view, List<String> before, List<String> after) {
    }

    public static PrecheckJson of(Precheck.Result r) {
        return new PrecheckJson(FindingJson.of(r.introduced()), FindingJson.of(r.resolved()),
                FindingJson.of(r.unchanged()),
                r.suggestions().stream().map(s -> new SuggestionJson(s.change() == null ? null : s.change().entry(),
                        s.change() == null ? null : s.change().yaml(), s.findings(), s.text())).toList(),
                new VerdictJson(r.verdict().clean(), r.verdict().changes().stream().map(Change::entry).toList(),
                        FindingJson.of(r.verdict().remaining())),
                r.chains().stream().map(c -> new ChainJson(c.name(), c.view(), c.before(), c.after())).toList(),
                InconclusiveJson.of(r.inconclusive()), List.of());
    }
}

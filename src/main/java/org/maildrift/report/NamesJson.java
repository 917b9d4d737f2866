package org.maildrift.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.maildrift.mta.model.ConfigProblem;
import org.maildrift.mta.model.HostNames;

/** The JSON of {@code maildrift names --format json}: what one host accepts, and why. */
@JsonPropertyOrder({"mta", "accepted", "unresolved", "ineffective", "errors", "warnings", "canonicalizesRecipients",
    "canonicalizedSuffixes"})
public record NamesJson(String mta, List<Accepted> accepted, List<Unresolved> unresolved,
        List<Ineffective> ineffective, List<Problem> errors, List<Problem> warnings, boolean canonicalizesRecipients,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> canonicalizedSuffixes) {

    /** An accepted name, its address class and where it comes from. */
    @JsonPropertyOrder({"name", "class", "source"})
    public record Accepted(String name, @com.fasterxml.jackson.annotation.JsonProperty("class") String addressClass,
            String source) {
    }

    /** A reference maildrift could not read. */
    @JsonPropertyOrder({"reference", "class", "reason", "source"})
    public record Unresolved(String reference, @com.fasterxml.jackson.annotation.JsonProperty("class") String addressClass,
            String reason, String source) {
    }

    /** A pattern that can never match. */
    @JsonPropertyOrder({"pattern", "class", "reason", "source"})
    public record Ineffective(String pattern, @com.fasterxml.jackson.annotation.JsonProperty("class") String addressClass,
            String reason, String source) {
    }

    /** A problem with the configuration, at a file and line. */
    @JsonPropertyOrder({"file", "line", "message"})
    public record Problem(String file, int line, String message) {
    }

    public static NamesJson of(HostNames n) {
        return new NamesJson(n.mta().label(),
                n.accepted().stream().map(a -> new Accepted(a.name(), a.addressClass().label(), a.source().describe()))
                        .toList(),
                n.unresolved().stream().map(u -> new Unresolved(u.reference(), u.addressClass().label(), u.reason(),
                        u.source().describe())).toList(),
                n.ineffective().stream().map(p -> new Ineffective(p.pattern(), p.addressClass().label(), p.reason(),
                        p.source().describe())).toList(),
                problems(n.errors()), problems(n.warnings()), n.canonicalizesRecipients(), n.canonicalizedSuffixes());
    }

    private static List<Problem> problems(List<ConfigProblem> all) {
        return all.stream().map(p -> new Problem(p.file(), p.line(), p.message())).toList();
    }
}

package org.maildrift.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.maildrift.checks.FindingQueries;
import org.maildrift.checks.FindingState;
import org.maildrift.rules.Severity;
import org.maildrift.rules.catalog.RuleCatalog;

/**
 * The findings filter as the API and the pages take it, bound from the request's parameters: states
 * (each may be a comma list; {@code all}; open when none), a severity, a rule ID, a host id; empty
 * means any. {@link #toFilter()} checks it and throws {@link BadParameter} naming the field.
 */
public record FindingFilter(List<String> state, String severity, String rule, String host) {

    /** A request parameter that is not valid; the message names the field, the value and what is expected. */
    public static final class BadParameter extends RuntimeException {
        private final String field;

        public BadParameter(String field, String value, String expected) {
            super(field + ": '" + value + "' is not valid; expected " + expected, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public FindingQueries.Filter toFilter() {
        Set<FindingState> wanted = EnumSet.noneOf(FindingState.class);
        for (String given : state == null || state.isEmpty() ? List.of("open") : state) {
            for (String s : given.split(",")) {
                if (s.equals("all")) {
                    wanted.addAll(EnumSet.allOf(FindingState.class));
                    continue;
                }
                try {
                    wanted.add(FindingState.valueOf(s.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new BadParameter("state", s, "one of pending, open, resolved, dismissed, all");
                }
            }
        }
        if (severity != null && !severity.isEmpty()) {
            try {
                Severity.parse(severity);
            } catch (IllegalArgumentException e) {
                throw new BadParameter("severity", severity, "one of critical, warning, notice, info");
            }
        }
        if (rule != null && !rule.isEmpty() && RuleCatalog.definitions().stream().noneMatch(d -> d.id().equals(rule))) {
            throw new BadParameter("rule", rule, "a rule ID");
        }
        return new FindingQueries.Filter(wanted, empty(severity), empty(rule), empty(host));
    }

    /** The states as shown back in a form ("open" when none was asked for). */
    public String stateParam() {
        return state == null || state.isEmpty() ? "open" : String.join(",", state);
    }

    private static String empty(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

package org.maildrift.mta.postfix;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers {@code postconf -c DIR -h NAME...} and {@code postconf -c DIR -x -h NAME...} from a parsed
 * main.cf, with postconf's output and exit status: whitespace normalised, unknown names skipped with
 * a warning, an expansion error in any built-in parameter fatal before anything is printed, and with
 * -x an expansion error in a queried parameter fatal too (exit 1, nothing on stdout).
 */
public final class Postconf {

    /** What postconf would print and return. */
    public record Output(String stdout, int exitCode, List<String> stderr) {
    }

    private Postconf() {
    }

    public static Output query(PostfixParameters params, List<String> names, boolean expand) {
        List<String> stderr = new ArrayList<>();
        params.problems().forEach(p -> stderr.add((p.level() == org.maildrift.mta.model.ConfigProblem.Level.ERROR
                ? "fatal: " : "warning: ") + p.describe()));
        if (params.fatal()) {
            params.fatalMessages().forEach(m -> stderr.add("fatal: " + m));
            return new Output("", 1, stderr);
        }
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            if (!params.isKnown(name)) {
                stderr.add("warning: " + name + ": unknown parameter");
                continue;
            }
            for (String u : params.dependsOnUnmodelled(name, expand && !params.isRaw(name))) {
                for (String why : params.unmodelled().get(u)) {
                    stderr.add("warning: " + name + ": " + (u.equals(name) ? "" : "depends on " + u + ": ") + why
                            + "; this value may differ from the real postconf's");
                }
            }
            String raw = params.raw(name).orElse("");
            if (!expand || params.isRaw(name)) {
                out.append(normalize(raw)).append('\n');
                continue;
            }
            MacroExpander.Result r = params.expand(raw);
            if (r.error()) {
                r.messages().forEach(m -> stderr.add("warning: " + m));
                stderr.add("fatal: macro processing error");
                return new Output("", 1, stderr);
            }
            for (String u : r.undefined()) {
                stderr.add("warning: undefined parameter: " + u);
            }
            out.append(normalize(r.value())).append('\n');
        }
        return new Output(out.toString(), 0, stderr);
    }

    /** pcf_print_line(): runs of blanks, tabs, CR and LF become one space; ends trimmed. */
    public static String normalize(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        boolean pending = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pending = sb.length() > 0;
            } else {
                if (pending) {
                    sb.append(' ');
                    pending = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }
}

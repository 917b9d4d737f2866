package org.maildrift.precheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.maildrift.mta.postfix.PostfixDefaults;

/**
 * Edits configuration text the way an administrator would, so that the real readers read the result and
 * every finding points at the line it would be on: a Postfix main.cf (or captured postconf output, which
 * has the same "name = value" lines), a sendmail.cf, or a captured {@code $=w} list.
 */
final class ConfigText {

    private ConfigText() {
    }

    /** A main.cf logical line: where it starts and ends (inclusive, 0-based) and its joined value. */
    private record Logical(int first, int last, String name, String value) {
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    }

    /** The last assignment of a parameter, which is the one Postfix uses. */
    private static Logical lastAssignment(List<String> lines, String parameter) {
        Logical found = null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isEmpty() || Character.isWhitespace(l.charAt(0)) || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = l.substring(0, eq).strip();
            int last = i;
            StringBuilder value = new StringBuilder(l.substring(eq + 1).strip());
            while (last + 1 < lines.size() && !lines.get(last + 1).isEmpty()
                    && Character.isWhitespace(lines.get(last + 1).charAt(0))
                    && !lines.get(last + 1).strip().startsWith("#")) {
                last++;
                value.append(' ').append(lines.get(last).strip());
            }
            if (name.equals(parameter)) {
                found = new Logical(i, last, name, value.toString().strip());
            }
            i = last;
        }
        return found;
    }

    /** The 1-based line where the parameter's last assignment starts, or 0 when the text does not set it. */
    static int postfixLine(String text, String parameter) {
        Logical l = lastAssignment(lines(text), parameter);
        return l == null ? 0 : l.first() + 1;
    }

    /** The value Postfix would read for a parameter from this text: the last assignment, else the default. */
    static String postfixValue(String text, String parameter) {
        Logical l = lastAssignment(lines(text), parameter);
        return l != null ? l.value() : PostfixDefaults.all().getOrDefault(parameter, "");
    }

    /** Sets a parameter: its last assignment is rewritten on one line, or a line is added at the end. */
    static String postfixSet(String text, String parameter, String value) {
        List<String> lines = lines(text);
        Logical l = lastAssignment(lines, parameter);
        String line = parameter + " = " + value;
        if (l == null) {
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.add(lines.size() - 1, line);
            } else {
                lines.add(line);
            }
        } else {
            for (int i = l.last(); i > l.first(); i--) {
                lines.remove(i);
            }
            lines.set(l.first(), line);
        }
        return String.join("\n", lines);
    }

    /** Adds a name to a list parameter (keeping what it lists, or its default when it is not set). */
    static String postfixAddTo(String text, String parameter, String name) {
        String value = postfixValue(text, parameter).strip();
        for (String token : value.split("[\\s,]+")) {
            if (token.equalsIgnoreCase(name)) {
                return text;
            }
        }
        return postfixSet(text, parameter, value.isEmpty() ? name : value + ", " + name);
    }

    /** The first list parameter among {@code parameters} that lists {@code name} literally, or null. */
    static String postfixListing(String text, List<String> parameters, String name) {
        for (String p : parameters) {
            for (String token : postfixValue(text, p).split("[\\s,]+")) {
                if (token.equalsIgnoreCase(name)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Removes a name listed literally in a list parameter. */
    static String postfixRemoveFrom(String text, String parameter, String name) {
        List<String> kept = new ArrayList<>();
        for (String token : postfixValue(text, parameter).split("[\\s,]+")) {
            if (!token.isEmpty() && !token.equalsIgnoreCase(name)) {
                kept.add(token);
            }
        }
        return postfixSet(text, parameter, String.join(", ", kept));
    }

    // ---- sendmail.cf ----

    /** Adds {@code Cw name} after the last class w line (or at the end). */
    static String sendmailAccept(String text, String name) {
        List<String> lines = lines(text);
        int after = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("Cw") || l.startsWith("C{w}") || l.startsWith("Fw") || l.startsWith("F{w}")) {
                after = i;
            }
        }
        String line = "Cw" + name;
        if (after < 0) {
            lines.add(line);
        } else {
            lines.add(after + 1, line);
        }
        return String.join("\n", lines);
    }

    /** Removes a name from the Cw lines that list it; false (text unchanged) when no Cw line does. */
    static String sendmailDrop(String text, String name) {
        List<String> lines = lines(text);
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            String prefix = l.startsWith("Cw") ? "Cw" : l.startsWith("C{w}") ? "C{w}" : null;
            if (prefix == null) {
                continue;
            }
            List<String> kept = new ArrayList<>();
            for (String token : l.substring(prefix.length()).strip().split("\\s+")) {
                if (token.equalsIgnoreCase(name)) {
                    found = true;
                } else if (!token.isEmpty()) {
                    kept.add(token);
                }
            }
            lines.set(i, kept.isEmpty() ? "# " + l + "    (dropped by maildrift precheck)" : prefix + String.join(" ", kept));
        }
        return found ? String.join("\n", lines) : null;
    }

    /** Sets sendmail's own name ({@code Dj}). */
    static String sendmailSetOwnName(String text, String hostname) {
        List<String> lines = lines(text);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("Dj")) {
                lines.set(i, "Dj" + hostname);
                return String.join("\n", lines);
            }
        }
        lines.add("Dj" + hostname);
        return String.join("\n", lines);
    }

    // ---- captured $=w ----

    static String dumpAccept(String text, String name) {
        return text.endsWith("\n") || text.isEmpty() ? text + name + "\n" : text + "\n" + name + "\n";
    }

    static String dumpDrop(String text, String name) {
        List<String> lines = lines(text);
        boolean found = lines.removeIf(l -> l.strip().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)));
        return found ? String.join("\n", lines) : null;
    }
}

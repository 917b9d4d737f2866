package org.maildrift.mta.postfix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.maildrift.mail.Mta;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.MtaDialect;

/**
 * Postfix's words and edits: main.cf (or captured postconf output, which has the same "name = value"
 * lines) edited the way an administrator would, so that the real reader reads the result and every
 * finding points at the line it would be on.
 */
public final class PostfixDialect implements MtaDialect {

    public static final PostfixDialect INSTANCE = new PostfixDialect();

    /** The list parameters a name may be dropped from (the address classes, then the interface lists). */
    static final List<String> LISTS = List.of("mydestination", "relay_domains", "virtual_alias_domains",
            "virtual_mailbox_domains", "inet_interfaces", "proxy_interfaces");

    private PostfixDialect() {
    }

    @Override
    public Mta mta() {
        return Mta.POSTFIX;
    }

    @Override
    public String listSetting(AddressClass cls) {
        return switch (cls) {
            case VIRTUAL_ALIAS -> "virtual_alias_domains";
            case VIRTUAL_MAILBOX -> "virtual_mailbox_domains";
            case RELAY -> "relay_domains";
            default -> "mydestination";
        };
    }

    @Override
    public String ownNameSetting() {
        return "myhostname";
    }

    @Override
    public String originSetting() {
        return "myorigin";
    }

    @Override
    public String settingOf(AcceptedName a) {
        List<String> chain = a.source().chain();
        return chain.isEmpty() ? listSetting(a.addressClass()) : chain.get(0);
    }

    @Override
    public String accept(String text, String name) {
        return addTo(text, "mydestination", name);
    }

    @Override
    public String acceptWords(String text, String file, String host, String name) {
        int line = line(text, "mydestination");
        return "add " + name + " to mydestination in " + file + (line > 0 ? " line " + line
                : " (a new mydestination line, keeping Postfix's default)");
    }

    @Override
    public String drop(String text, String name) {
        String parameter = listing(text, name);
        return parameter == null ? null : removeFrom(text, parameter, name);
    }

    @Override
    public String dropWords(String text, String file, String host, String name) {
        String parameter = listing(text, name);
        if (parameter != null) {
            return "remove " + name + " from " + parameter + " in " + file + " line " + line(text, parameter);
        }
        return "remove " + name + " from " + file + " on " + host;
    }

    @Override
    public String otherwise() {
        return " with set-parameter";
    }

    @Override
    public String setOwnName(String text, String name) {
        return set(text, "myhostname", name);
    }

    @Override
    public String ownNameWords(String text, String file, String name) {
        int line = line(text, "myhostname");
        return "set myhostname = " + name + " in " + file + (line > 0 ? " line " + line : " (a new line)");
    }

    @Override
    public String setParameter(String text, String name, String value) {
        return set(text, name, value);
    }

    @Override
    public String parameterWords(String text, String file, String name, String value) {
        int line = line(text, name);
        return "set " + name + " = " + value + " in " + file + (line > 0 ? " line " + line : " (a new line)");
    }

    // ---- main.cf text ----

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
    static int line(String text, String parameter) {
        Logical l = lastAssignment(lines(text), parameter);
        return l == null ? 0 : l.first() + 1;
    }

    /** The value Postfix would read for a parameter from this text: the last assignment, else the default. */
    static String value(String text, String parameter) {
        Logical l = lastAssignment(lines(text), parameter);
        return l != null ? l.value() : PostfixDefaults.all().getOrDefault(parameter, "");
    }

    /** Sets a parameter: its last assignment is rewritten on one line, or a line is added at the end. */
    static String set(String text, String parameter, String value) {
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
    static String addTo(String text, String parameter, String name) {
        String value = value(text, parameter).strip();
        for (String token : value.split("[\\s,]+")) {
            if (token.equalsIgnoreCase(name)) {
                return text;
            }
        }
        return set(text, parameter, value.isEmpty() ? name : value + ", " + name);
    }

    /** The first list parameter that lists {@code name} literally, or null. */
    static String listing(String text, String name) {
        for (String p : LISTS) {
            for (String token : value(text, p).split("[\\s,]+")) {
                if (token.equalsIgnoreCase(name)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Removes a name listed literally in a list parameter. */
    static String removeFrom(String text, String parameter, String name) {
        List<String> kept = new ArrayList<>();
        for (String token : value(text, parameter).split("[\\s,]+")) {
            if (!token.isEmpty() && !token.equalsIgnoreCase(name)) {
                kept.add(token);
            }
        }
        return set(text, parameter, String.join(", ", kept));
    }
}

package org.maildrift.mta.exim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.maildrift.files.Printable;
import org.maildrift.mta.exim.EximConfig.Acl;
import org.maildrift.mta.exim.EximConfig.Condition;
import org.maildrift.mta.exim.EximConfig.Driver;
import org.maildrift.mta.exim.EximConfig.Macro;
import org.maildrift.mta.exim.EximConfig.NamedList;
import org.maildrift.mta.exim.EximConfig.Option;
import org.maildrift.mta.exim.EximConfig.Statement;
import org.maildrift.mta.exim.EximConfig.Where;
import org.maildrift.mta.model.ConfigProblem;

/**
 * Reads an Exim configuration the way Exim's readconf.c does (specification chapter 6): physical lines
 * are macro-expanded one by one (macros in the order defined, a later macro seeing an earlier one's
 * replacement, built-in {@code _…} macros only where the first candidate starts with '_'), then comment
 * lines, {@code .ifdef}/{@code .ifndef}/{@code .elifdef}/{@code .elifndef}/{@code .else}/{@code .endif}
 * and {@code .include}/{@code .include_if_exists} are handled; a trailing backslash continues the
 * logical line. Whatever Exim would stop at start-up with becomes {@link EximConfig#fatal()}, naming the
 * file and line. Never throws.
 */
public final class EximConfigParser {

    /** Largest configuration file read. */
    public static final int MAX_FILE_CHARS = 16 * 1024 * 1024;
    /** Largest logical line after macro expansion (Exim grows its buffer without bound; a bound keeps memory safe). */
    static final int MAX_LINE_CHARS = 1024 * 1024;
    /** Include depth before the include is called a loop (Exim would recurse until it runs out of files). */
    static final int MAX_INCLUDE_DEPTH = 64;
    private static final int CSTATE_STACK_SIZE = 10;
    private static final int MAX_NAMED_LIST = 16;
    private static final int MAX_MACRO_NAME = 63;

    static final List<Macro> BUILTIN_MACROS = loadBuiltins();
    static final Set<String> MAIN_OPTIONS = loadOptions();
    /** What the binary has, read off its built-in macros: _DRIVER_ROUTER_X, _OPT_ROUTERS_X (generic), _OPT_ROUTER_D_X. */
    static final DriverOptions ROUTER_OPTIONS = DriverOptions.of("ROUTER");
    static final DriverOptions TRANSPORT_OPTIONS = DriverOptions.of("TRANSPORT");

    /** The drivers of one kind the binary has, and the options each takes (generic ones under ""). */
    record DriverOptions(String kind, Set<String> drivers, Map<String, Set<String>> options) {
        static DriverOptions of(String kind) {
            Set<String> drivers = new java.util.TreeSet<>();
            Map<String, Set<String>> options = new java.util.HashMap<>();
            for (Macro m : BUILTIN_MACROS) {
                String n = m.name();
                if (n.startsWith("_DRIVER_" + kind + "_")) {
                    drivers.add(n.substring(9 + kind.length()).toLowerCase(Locale.ROOT));
                } else if (n.startsWith("_OPT_" + kind + "S_")) {
                    options.computeIfAbsent("", k -> new HashSet<>()).add(n.substring(7 + kind.length()).toLowerCase(Locale.ROOT));
                } else if (n.startsWith("_OPT_" + kind + "_")) {
                    String rest = n.substring(6 + kind.length());
                    int u = rest.indexOf('_');
                    if (u > 0) {
                        options.computeIfAbsent(rest.substring(0, u).toLowerCase(Locale.ROOT), k -> new HashSet<>())
                                .add(rest.substring(u + 1).toLowerCase(Locale.ROOT));
                    }
                }
            }
            return new DriverOptions(kind, Set.copyOf(drivers), Map.copyOf(options));
        }

        boolean takes(String driver, String option) {
            return options.getOrDefault("", Set.of()).contains(option)
                    || (driver != null && options.getOrDefault(driver, Set.of()).contains(option));
        }
    }
    private static final Set<String> SECTIONS = Set.of("acl", "authenticators", "local_scan", "retry", "rewrite",
            "routers", "transports");
    /** ACL conditions and modifiers the binary has (_ACL_COND_X, _ACL_MOD_X). */
    static final Set<String> ACL_CONDITIONS = BUILTIN_MACROS.stream().map(Macro::name)
            .filter(n -> n.startsWith("_ACL_COND_") || n.startsWith("_ACL_MOD_"))
            .map(n -> n.substring(n.indexOf('_', 5) + 1).toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Set<String> ACL_VERBS = Set.of("accept", "defer", "deny", "discard", "drop", "require", "warn");

    /** The text of an included file, or why it could not be had; {@code missing}: Exim itself could not open it. */
    public record Opened(String label, String text, String failure, boolean missing) {
        public static Opened of(String label, String text) {
            return new Opened(label, text, null, false);
        }

        public static Opened missing(String label, String failure) {
            return new Opened(label, null, failure, true);
        }

        public static Opened unreadable(String label, String failure) {
            return new Opened(label, null, failure, false);
        }
    }

    /** Thrown inside the parser for what Exim stops at; caught in {@link #parse}. */
    private static final class Fatal extends Exception {
        Fatal(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Frame {
        final String label;
        final String dir;
        final String[] lines;
        int next;

        Frame(String label, String dir, String text) {
            this.label = label;
            this.dir = dir;
            this.lines = text.split("\n", -1);
            // a final newline ends the last line; it does not start an empty one
            this.next = 0;
        }

        boolean more() {
            return next < lines.length && !(next == lines.length - 1 && lines[next].isEmpty());
        }
    }

    private final Function<String, Opened> open;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final List<Macro> macros = new ArrayList<>(BUILTIN_MACROS);
    private final int userStart = BUILTIN_MACROS.size();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<String> unreadIncludes = new ArrayList<>();
    private int cstate;
    private final int[] cstack = new int[CSTATE_STACK_SIZE];
    private int csp = -1;
    private String nextSection;
    private String currentFile;
    private int currentLine;
    private List<Origin> origins;

    private EximConfigParser(Function<String, Opened> open) {
        this.open = open;
    }

    /**
     * Parses {@code text}, the main configuration named {@code label}, whose directory on the mail host
     * (for relative {@code .include}s) is {@code dir}. {@code open} is given each included file's path as
     * Exim would open it.
     */
    public static EximConfig parse(String label, String text, String dir, Function<String, Opened> open) {
        return parse(label, text, dir, open, null);
    }

    /** Where a line of a generated main text came from (Debian's update-exim4.conf output). */
    public record Origin(String file, int line) {
    }

    /**
     * As {@link #parse(String, String, String, Function)}, for a main text put together from other files:
     * {@code origins.get(i)} is where its line i+1 came from, and provenance names that place.
     */
    public static EximConfig parse(String label, String text, String dir, Function<String, Opened> open,
            List<Origin> origins) {
        EximConfigParser p = new EximConfigParser(open);
        p.origins = origins;
        p.stack.push(new Frame(label, dir, text));
        Map<String, Option> main = new LinkedHashMap<>();
        Map<String, NamedList> domainLists = new LinkedHashMap<>();
        List<NamedList> otherLists = new ArrayList<>();
        List<Driver> routers = new ArrayList<>();
        List<Driver> transports = new ArrayList<>();
        Map<String, Acl> acls = new LinkedHashMap<>();
        String fatal = null;
        try {
            p.readMain(main, domainLists, otherLists);
            Set<String> seen = new HashSet<>();
            while (p.nextSection != null) {
                String section = p.nextSection.toLowerCase(Locale.ROOT).strip();
                if (section.equals("router") || section.equals("transport") || section.equals("authenticator")) {
                    section = section + "s";
                }
                if (!SECTIONS.contains(section)) {
                    throw p.fatal("unknown section name \"" + Printable.of(section, 40) + "\"");
                }
                if (!seen.add(section)) {
                    throw p.fatal("the " + section + " section is given more than once");
                }
                p.nextSection = null;
                switch (section) {
                    case "routers" -> p.readDrivers(routers, true);
                    case "acl" -> p.readAcls(acls);
                    case "transports" -> p.readDrivers(transports, false, TRANSPORT_OPTIONS);
                    case "authenticators" -> p.readDrivers(new ArrayList<>(), false, null);
                    default -> p.skipSection();
                }
            }
        } catch (Fatal f) {
            fatal = f.getMessage();
        }
        List<Macro> user = new ArrayList<>(p.macros.subList(p.userStart, p.macros.size()));
        return new EximConfig(label, main, domainLists, otherLists, routers, acls, user, p.problems, fatal,
                p.unreadIncludes, transports);
    }

    private Fatal fatal(String message) {
        String where = currentFile == null ? "" : "line " + currentLine + " of " + currentFile + ": ";
        problems.add(ConfigProblem.error(currentFile == null ? "" : currentFile, currentLine,
                message + " (Exim stops at start-up: \"configuration error\")"));
        return new Fatal(where + message);
    }

    // ---- logical lines -------------------------------------------------------------------------

    /** A logical line, its first physical line's place, and the macros substituted into it. */
    private record Logical(String text, Where where) {
    }

    /** The next logical line of the current section; null at "begin X" (in nextSection) or the end. */
    private Logical nextLine() throws Fatal {
        StringBuilder line = new StringBuilder();
        Map<String, Macro> used = new LinkedHashMap<>();
        String file = null;
        int lineNo = 0;
        while (true) {
            Frame f = stack.peek();
            if (!f.more()) {
                if (stack.size() > 1) {
                    stack.pop();
                    continue;
                }
                if (csp >= 0) {
                    currentFile = f.label;
                    currentLine = f.lines.length - (f.lines[f.lines.length - 1].isEmpty() ? 1 : 0);
                    throw fatal("Unexpected end of configuration file: .endif missing");
                }
                if (line.length() > 0) {
                    break;
                }
                nextSection = null;
                return null;
            }
            String physical = f.lines[f.next++];
            if (physical.endsWith("\r")) {
                physical = physical.substring(0, physical.length() - 1) + " ";
            }
            currentFile = f.label;
            currentLine = f.next;
            if (origins != null && stack.size() == 1 && f.next - 1 < origins.size()) {
                Origin o = origins.get(f.next - 1);
                currentFile = o.file();
                currentLine = o.line();
            }
            boolean[] found = new boolean[1];
            String ss = expandMacros(physical, line.length() == 0, used, found);
            if (ss.startsWith("#")) {
                continue;
            }
            if (ss.startsWith(".") && conditional(ss, found[0])) {
                continue;
            }
            if (cstate != 0) {
                continue;
            }
            if (ss.startsWith(".include") && ss.length() > 8 && (Character.isWhitespace(ss.charAt(8))
                    || (ss.startsWith(".include_if_exists") && ss.length() > 18 && Character.isWhitespace(ss.charAt(18))))) {
                include(ss, f);
                continue;
            }
            if (line.length() == 0) {
                file = currentFile;
                lineNo = currentLine;
            }
            line.append(ss);
            if (line.length() > MAX_LINE_CHARS) {
                throw fatal("logical line longer than " + MAX_LINE_CHARS + " characters after macro expansion");
            }
            int len = line.length();
            while (len > 0 && isSpace(line.charAt(len - 1))) {
                len--;
            }
            line.setLength(len);
            if (len > 0) {
                if (line.charAt(len - 1) != '\\') {
                    break;
                }
                line.setLength(len - 1);
            }
        }
        String s = line.toString();
        currentFile = file;
        currentLine = lineNo;
        if (s.length() >= 6 && s.regionMatches(true, 0, "begin ", 0, 6)) {
            nextSection = s.substring(6).strip();
            return null;
        }
        return new Logical(s, new Where(file, lineNo, new ArrayList<>(used.values())));
    }

    /** Exim's macros_expand on one physical line; returns it from its first non-blank character. */
    String expandMacros(String physical, boolean startOfLogical, Map<String, Macro> used, boolean[] found) {
        StringBuilder b = new StringBuilder(physical);
        int ss = 0;
        while (ss < b.length() && isSpace(b.charAt(ss))) {
            ss++;
        }
        int s = ss;
        if (startOfLogical && s < b.length() && isUpper(b.charAt(s))) {
            while (s < b.length() && isNameChar(b.charAt(s))) {
                s++;
            }
            while (s < b.length() && isSpace(b.charAt(s))) {
                s++;
            }
            if (s >= b.length() || b.charAt(s) != '=') {
                s = ss;
            }
        }
        s = skipToCandidate(b, s);
        if (s < b.length()) {
            int first = b.charAt(s) == '_' ? 0 : userStart;
            for (int mi = first; mi < macros.size(); mi++) {
                Macro m = macros.get(mi);
                s = skipToCandidate(b, s);
                if (s >= b.length()) {
                    break;
                }
                int t = s;
                int p;
                while ((p = b.indexOf(m.name(), t)) >= 0) {
                    b.replace(p, p + m.name().length(), m.value());
                    t = skipToCandidate(b, p + m.value().length());
                    found[0] = true;
                    used.putIfAbsent(m.name(), m);
                    if (b.length() > MAX_LINE_CHARS) {
                        // expansion that grows without bound; stop and let the line-length check report it
                        return b.substring(ss);
                    }
                }
            }
        }
        int start = 0;
        while (start < b.length() && isSpace(b.charAt(start))) {
            start++;
        }
        return b.substring(start);
    }

    private static int skipToCandidate(CharSequence b, int s) {
        while (s < b.length() && !isUpper(b.charAt(s)) && !(b.charAt(s) == '_' && s + 1 < b.length()
                && isUpper(b.charAt(s + 1)))) {
            s++;
        }
        return s;
    }

    private static final String[] COND_NAMES = {"ifdef", "ifndef", "elifdef", "elifndef", "else", "endif"};
    private static final int[][] COND_ACTIONS = {{0, 1, 1}, {1, 0, 1}, {2, 3, 0}, {3, 2, 0}, {2, 2, 0}, {0, 0, -1}};
    private static final int[][] NEXT_CSTATE = {{0, 1, 2, 2}, {2, 2, 0, 1}, {2, 2, 2, 2}};

    /** Handles a conditional directive; true when the line was one (and is consumed). */
    private boolean conditional(String ss, boolean macroFound) throws Fatal {
        for (int i = 0; i < COND_NAMES.length; i++) {
            String name = COND_NAMES[i];
            if (!ss.startsWith(name, 1)) {
                continue;
            }
            int at = 1 + name.length();
            char n = at < ss.length() ? ss.charAt(at) : 0;
            // readconf.c accepts a space, a 't' (sic), a newline or the end after the name; anything else
            // leaves the line ignored
            if (n != ' ' && n != 't' && n != '\n' && n != 0) {
                return true;
            }
            int[] c = COND_ACTIONS[i];
            if (c[2] > 0) {
                if (csp >= CSTATE_STACK_SIZE - 1) {
                    throw fatal("." + name + " nested too deeply");
                }
                cstack[++csp] = cstate;
                cstate = NEXT_CSTATE[cstate][macroFound ? c[0] : c[1]];
            } else {
                if (csp < 0) {
                    throw fatal("." + name + " without matching .ifdef");
                }
                cstate = c[2] < 0 ? cstack[csp--] : NEXT_CSTATE[cstate][macroFound ? c[0] : c[1]];
            }
            return true;
        }
        return false;
    }

    private void include(String ss, Frame from) throws Fatal {
        boolean ifExists = !Character.isWhitespace(ss.charAt(8));
        String name = ss.substring(ifExists ? 19 : 9).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        if (!name.startsWith("/")) {
            if (ifExists) {
                throw fatal(".include specifies a non-absolute path");
            }
            name = (from.dir == null ? "." : from.dir) + "/" + name;
        }
        for (Frame f : stack) {
            if (f.label.equals(name)) {
                throw fatal("include loop: " + Printable.of(name, 200) + " includes itself");
            }
        }
        if (stack.size() >= MAX_INCLUDE_DEPTH) {
            throw fatal(".include nested more than " + MAX_INCLUDE_DEPTH + " deep");
        }
        Opened o = open.apply(name);
        if (o.text() == null) {
            if (o.missing()) {
                if (ifExists) {
                    return;
                }
                throw fatal("failed to open included configuration file " + Printable.of(name, 200) + ": "
                        + o.failure());
            }
            problems.add(ConfigProblem.error(currentFile, currentLine, "included file not read: " + o.failure()
                    + "; what it defines is unknown"));
            unreadIncludes.add(name);
            return;
        }
        int slash = name.lastIndexOf('/');
        stack.push(new Frame(o.label() == null ? name : o.label(), slash <= 0 ? "" : name.substring(0, slash), o.text()));
    }

    // ---- sections ------------------------------------------------------------------------------

    private void readMain(Map<String, Option> main, Map<String, NamedList> domainLists, List<NamedList> others)
            throws Fatal {
        int lists = 0;
        Map<String, Integer> counts = new LinkedHashMap<>();
        Logical l;
        while ((l = nextSetting()) != null) {
            String s = l.text();
            boolean hide = s.startsWith("hide") && s.length() > 4 && isSpace(s.charAt(4));
            String t = hide ? s.substring(5).stripLeading() : s;
            String kind = null;
            for (String k : new String[] {"domainlist", "hostlist", "addresslist", "localpartlist"}) {
                if (t.startsWith(k)) {
                    kind = k;
                    break;
                }
            }
            if (kind != null) {
                NamedList nl = namedList(kind, t.substring(kind.length()), l.where(), counts);
                if (kind.equals("domainlist")) {
                    domainLists.put(nl.name(), nl);
                } else {
                    others.add(nl);
                }
                lists++;
                continue;
            }
            Option o = option(t, l.where(), "main");
            if (!MAIN_OPTIONS.contains(o.name())) {
                throw fatal("main option \"" + Printable.of(o.name(), 64) + "\" unknown");
            }
            main.put(o.name(), o);
        }
    }

    private NamedList namedList(String kind, String rest, Where where, Map<String, Integer> counts) throws Fatal {
        String s = rest;
        if (s.startsWith("_cache")) {
            s = s.substring(6);
        }
        if (s.isEmpty() || !isSpace(s.charAt(0))) {
            throw fatal("unrecognized configuration line");
        }
        int n = counts.merge(kind, 1, Integer::sum);
        if (n > MAX_NAMED_LIST) {
            throw fatal("too many named " + kind.replace("list", " list") + "s (max is " + MAX_NAMED_LIST + ")");
        }
        s = s.stripLeading();
        int e = 0;
        while (e < s.length() && isNameChar(s.charAt(e))) {
            e++;
        }
        String name = s.substring(0, e);
        s = s.substring(e).stripLeading();
        for (NamedList seen : seenLists) {
            if (seen.kind().equals(kind) && seen.name().equals(name)) {
                throw fatal("duplicate name \"" + Printable.of(name, 64) + "\" for a named " + kind.replace("list", " list"));
            }
        }
        if (!s.startsWith("=")) {
            throw fatal("missing '=' after \"" + Printable.of(name, 64) + "\"");
        }
        String value = readString(s.substring(1).stripLeading(), name);
        NamedList nl = new NamedList(kind, name, value, where);
        seenLists.add(nl);
        return nl;
    }

    private final List<NamedList> seenLists = new ArrayList<>();

    private void macro(String s, Where where) throws Fatal {
        int e = 0;
        while (e < s.length() && isNameChar(s.charAt(e))) {
            e++;
        }
        if (e > MAX_MACRO_NAME) {
            throw fatal("macro name too long (maximum is " + MAX_MACRO_NAME + " characters)");
        }
        String name = s.substring(0, e);
        int i = e;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        if (i >= s.length() || s.charAt(i) != '=') {
            throw fatal("malformed macro definition");
        }
        i++;
        boolean redef = false;
        if (i < s.length() && s.charAt(i) == '=') {
            redef = true;
            i++;
        }
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        String value = s.substring(i);
        int existing = -1;
        for (int mi = 0; mi < macros.size(); mi++) {
            Macro m = macros.get(mi);
            if (m.name().equals(name)) {
                if (!redef) {
                    throw fatal("macro \"" + name + "\" is already defined (use \"==\" if you want to redefine it)");
                }
                existing = mi;
                break;
            }
            if (m.name().length() < name.length() && name.contains(m.name())) {
                throw fatal("\"" + name + "\" cannot be defined as a macro because previously defined macro \""
                        + m.name() + "\" is a substring");
            }
        }
        if (redef) {
            if (existing < 0) {
                throw fatal("can't redefine an undefined macro \"" + name + "\"");
            }
            macros.set(existing, new Macro(name, value, where));
        } else {
            macros.add(new Macro(name, value, where));
        }
    }

    private Option option(String t, Where where, String section) throws Fatal {
        int e = 0;
        if (e < t.length() && Character.isLetter(t.charAt(e))) {
            while (e < t.length() && isNameChar(t.charAt(e))) {
                e++;
            }
        }
        String name = t.substring(0, e);
        String rest = t.substring(e).stripLeading();
        if (name.isEmpty()) {
            throw fatal(section + " option name missing");
        }
        if (rest.isEmpty()) {
            boolean off = name.startsWith("no_") || name.startsWith("not_");
            String bare = name.startsWith("no_") ? name.substring(3) : name.startsWith("not_") ? name.substring(4) : name;
            if (section.equals("main") && !MAIN_OPTIONS.contains(bare)) {
                throw fatal("main option \"" + Printable.of(name, 64) + "\" unknown");
            }
            return new Option(bare, off ? "false" : "true", where);
        }
        if (!rest.startsWith("=")) {
            throw fatal("malformed " + section + " option: '=' expected after " + Printable.of(name, 64));
        }
        return new Option(name, readString(rest.substring(1).stripLeading(), name), where);
    }

    /** readconf.c's read_string: a value in double quotes has its escapes interpreted. */
    private String readString(String s, String name) throws Fatal {
        if (!s.startsWith("\"")) {
            return s;
        }
        Dequoted d = dequote(s);
        if (d.end() >= s.length()) {
            throw fatal("missing quote at end of string value for " + Printable.of(name, 64));
        }
        if (d.end() + 1 < s.length()) {
            throw fatal("extra characters follow string value for " + Printable.of(name, 64));
        }
        return d.text();
    }

    /** A double-quoted string's text, and the index of its closing quote ({@code s.length()} when there is none). */
    record Dequoted(String text, int end) {
    }

    /** string_dequote for {@code s} starting with a double quote: escapes interpreted up to the closing quote. */
    static Dequoted dequote(String s) {
        StringBuilder out = new StringBuilder();
        int i = 1;
        while (i < s.length() && s.charAt(i) != '"') {
            if (s.charAt(i) == '\\') {
                int[] pos = {i};
                out.append((char) escape(s, pos));
                i = pos[0] + 1;
            } else {
                out.append(s.charAt(i++));
            }
        }
        return new Dequoted(out.toString(), i);
    }

    /** string_interpret_escape: the backslash at pos[0]; leaves pos[0] at the escape's last character. */
    static int escape(String s, int[] pos) {
        int p = pos[0];
        if (p + 1 >= s.length()) {
            return '\\';
        }
        char ch = s.charAt(++p);
        int out;
        if (ch >= '0' && ch <= '7') {
            out = ch - '0';
            if (p + 1 < s.length() && s.charAt(p + 1) >= '0' && s.charAt(p + 1) <= '7') {
                out = out * 8 + s.charAt(++p) - '0';
                if (p + 1 < s.length() && s.charAt(p + 1) >= '0' && s.charAt(p + 1) <= '7') {
                    out = out * 8 + s.charAt(++p) - '0';
                }
            }
            out &= 0xff;
        } else {
            out = switch (ch) {
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'v' -> 0x0b;
                case 'x' -> {
                    int v = 0;
                    for (int k = 0; k < 2 && p + 1 < s.length() && Character.digit(s.charAt(p + 1), 16) >= 0; k++) {
                        v = v * 16 + Character.digit(s.charAt(++p), 16);
                    }
                    yield v;
                }
                default -> ch;
            };
        }
        pos[0] = p;
        return out;
    }

    private void readDrivers(List<Driver> out, boolean routers) throws Fatal {
        readDrivers(out, routers, routers ? ROUTER_OPTIONS : null);
    }

    /** A driver section; with {@code known}, options and drivers the binary does not have are refused as Exim does. */
    private void readDrivers(List<Driver> out, boolean routers, DriverOptions known) throws Fatal {
        String name = null;
        Where at = null;
        Map<String, Option> options = new LinkedHashMap<>();
        Logical l;
        Set<String> names = new HashSet<>();
        while ((l = nextSetting()) != null) {
            String s = l.text();
            int e = 0;
            if (Character.isLetter(s.charAt(0))) {
                while (e < s.length() && isNameChar(s.charAt(e))) {
                    e++;
                }
            }
            String rest = s.substring(e).stripLeading();
            if (e > 0 && rest.startsWith(":")) {
                if (name != null) {
                    out.add(finishDriver(name, at, options, routers));
                }
                name = s.substring(0, e);
                if (!names.add(name)) {
                    throw fatal((routers ? "router" : "driver") + " name \"" + Printable.of(name, 64) + "\" is not unique");
                }
                at = l.where();
                options = new LinkedHashMap<>();
                rest = rest.substring(1).strip();
                if (rest.isEmpty()) {
                    continue;
                }
                s = rest;
            }
            if (name == null) {
                throw fatal((routers ? "router" : "driver") + " name missing");
            }
            if (s.startsWith("hide") && s.length() > 4 && isSpace(s.charAt(4))) {
                s = s.substring(5).stripLeading();
            }
            Option o = option(s, l.where(), routers ? "router" : "driver");
            if (known != null) {
                Option d = options.get("driver");
                String driver = d == null ? null : d.value().strip();
                if (!known.takes(driver, o.name())) {
                    throw fatal("option \"" + Printable.of(s.split("[\\s=]", 2)[0], 64) + "\" unknown");
                }
                if (o.name().equals("driver") && !known.drivers().contains(o.value().strip())) {
                    throw fatal((routers ? "router " : "transport ") + Printable.of(name, 64) + ": cannot find "
                            + (routers ? "router" : "transport") + " driver \"" + Printable.of(o.value().strip(), 64) + "\"");
                }
            }
            options.put(o.name(), o);
        }
        if (name != null) {
            out.add(finishDriver(name, at, options, routers));
        }
    }

    private Driver finishDriver(String name, Where at, Map<String, Option> options, boolean routers) throws Fatal {
        Driver d = new Driver(name, at, options);
        if (!options.containsKey("driver")) {
            currentFile = at.file();
            currentLine = at.line();
            throw fatal("no driver defined for " + (routers ? "router " : "") + Printable.of(name, 64));
        }
        if (routers && !ROUTER_OPTIONS.drivers().contains(d.driver())) {
            currentFile = at.file();
            currentLine = at.line();
            throw fatal("router " + Printable.of(name, 64) + ": cannot find router driver \""
                    + Printable.of(d.driver(), 64) + "\"");
        }
        return d;
    }

    private void readAcls(Map<String, Acl> acls) throws Fatal {
        String name = null;
        Where at = null;
        List<Statement> statements = new ArrayList<>();
        String verb = null;
        Where verbAt = null;
        List<Condition> conditions = new ArrayList<>();
        Logical l;
        while ((l = nextSetting()) != null) {
            String s = l.text();
            int e = 0;
            while (e < s.length() && (isNameChar(s.charAt(e)) || s.charAt(e) == '-')) {
                e++;
            }
            String word = s.substring(0, e);
            String rest = s.substring(e).stripLeading();
            if (e > 0 && rest.startsWith(":") && !ACL_VERBS.contains(word)) {
                if (verb != null) {
                    statements.add(new Statement(verb, verbAt, conditions));
                }
                if (name != null) {
                    acls.put(name, new Acl(name, at, statements));
                }
                name = word;
                at = l.where();
                statements = new ArrayList<>();
                verb = null;
                continue;
            }
            if (name == null) {
                throw fatal("ACL name missing");
            }
            if (ACL_VERBS.contains(word)) {
                if (verb != null) {
                    statements.add(new Statement(verb, verbAt, conditions));
                }
                verb = word;
                verbAt = l.where();
                conditions = new ArrayList<>();
                s = rest;
                if (s.isEmpty()) {
                    continue;
                }
            } else if (verb == null) {
                throw fatal("unknown ACL verb \"" + Printable.of(word, 64) + "\"");
            }
            boolean negated = s.startsWith("!");
            if (negated) {
                s = s.substring(1).stripLeading();
            }
            int c = 0;
            while (c < s.length() && isNameChar(s.charAt(c))) {
                c++;
            }
            String cond = s.substring(0, c);
            if (!ACL_CONDITIONS.contains(cond)) {
                throw fatal("error in ACL: unknown ACL condition/modifier");
            }
            String value = s.substring(c).stripLeading();
            if (value.startsWith("=")) {
                value = value.substring(1).stripLeading();
            }
            conditions.add(new Condition(cond, negated, value, l.where()));
        }
        if (verb != null) {
            statements.add(new Statement(verb, verbAt, conditions));
        }
        if (name != null) {
            acls.put(name, new Acl(name, at, statements));
        }
    }

    private void skipSection() throws Fatal {
        while (nextSetting() != null) {
            // only the macros of these sections matter here
        }
    }

    /** The next logical line that is not a macro definition (those are defined on the way, in any section). */
    private Logical nextSetting() throws Fatal {
        Logical l;
        while ((l = nextLine()) != null) {
            if (!isUpper(l.text().charAt(0))) {
                return l;
            }
            macro(l.text(), l.where());
        }
        return null;
    }

    // ---- characters and resources --------------------------------------------------------------

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static List<String> resource(String name) {
        try (InputStream in = EximConfigParser.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            List<String> out = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    out.add(l.strip());
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    private static List<Macro> loadBuiltins() {
        List<Macro> out = new ArrayList<>();
        Where builtin = new Where("Exim built-in", 0, List.of());
        for (String l : resource("builtin-macros.txt")) {
            int eq = l.indexOf('=');
            out.add(new Macro(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1), builtin));
        }
        return List.copyOf(out);
    }

    private static Set<String> loadOptions() {
        return Set.copyOf(resource("main-options.txt"));
    }
}

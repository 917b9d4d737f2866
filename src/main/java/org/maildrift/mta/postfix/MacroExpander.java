package org.maildrift.mta.postfix;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Postfix's {@code $name} expansion (mac_parse + mac_expand): {@code $name}, {@code ${name}},
 * {@code $(name)}, {@code $$}, the conditional forms {@code ${name?text}} / {@code ${name:text}} /
 * {@code ${name?{t}:{f}}}, and the relational form {@code ${{a} op {b} ? {t} : {f}}} with the
 * {@code level} operator suffix. Nesting deeper than 100 is an error, as in Postfix. On top of Postfix
 * this is bounded in output size and work so that billion-laughs values end in an error, not in
 * exhausted memory.
 */
public final class MacroExpander {

    /** Looks up a parameter value; null when the parameter is undefined. */
    @FunctionalInterface
    public interface Lookup {
        String lookup(String name);
    }

    /** The outcome: the expanded text (empty on error), the error flag and the warnings Postfix would print. */
    public record Result(String value, boolean error, List<String> messages, Set<String> undefined) {
    }

    /**
     * A stretch [start, end) of expanded text and the chain of parameter references that produced it,
     * outermost first (empty for text written directly in the expanded value).
     */
    public record Segment(int start, int end, List<String> chain) {
    }

    /** An expansion with the origin of every stretch of its text. */
    public record Traced(Result result, List<Segment> segments) {

        /** The reference chain behind the character at {@code index}. */
        public List<String> chainAt(int index) {
            for (Segment s : segments) {
                if (index >= s.start() && index < s.end()) {
                    return s.chain();
                }
            }
            return List.of();
        }
    }

    static final int MAX_NESTING = 100;
    static final int MAX_RESULT_CHARS = 4 * 1024 * 1024;
    static final long MAX_STEPS = 2_000_000;
    static final int MAX_CONTEXTS = 16;

    private static final int ERROR = 1;
    private static final int UNDEF = 2;
    private static final String TRUE = "true";
    private static final String FALSE = "";

    private final Lookup lookup;
    private final boolean recurse;
    private final boolean scan;
    private final List<String> messages = new ArrayList<>();
    private final Set<String> undefined = new LinkedHashSet<>();
    private final Set<String> scanned = new LinkedHashSet<>();
    private final java.util.ArrayDeque<String> chain = new java.util.ArrayDeque<>();
    private List<Segment> segments;
    private long steps;
    private int contexts;
    private int produced;

    private MacroExpander(Lookup lookup, boolean recurse, boolean scan) {
        this.lookup = lookup;
        this.recurse = recurse;
        this.scan = scan;
    }

    /** Expands recursively, as {@code postconf -x} and the daemons do. */
    public static Result expand(String pattern, Lookup lookup) {
        MacroExpander ex = new MacroExpander(lookup, true, false);
        StringBuilder out = new StringBuilder();
        int status = ex.run(pattern, out);
        boolean error = (status & ERROR) != 0;
        return new Result(error ? "" : out.toString(), error, List.copyOf(ex.messages), Set.copyOf(ex.undefined));
    }

    /** Expands recursively and records which reference chain produced each stretch of the result. */
    public static Traced expandTraced(String pattern, Lookup lookup) {
        MacroExpander ex = new MacroExpander(lookup, true, false);
        ex.segments = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        int status = ex.run(pattern, out);
        boolean error = (status & ERROR) != 0;
        Result r = new Result(error ? "" : out.toString(), error, List.copyOf(ex.messages), Set.copyOf(ex.undefined));
        return new Traced(r, error ? List.of() : List.copyOf(ex.segments));
    }

    /**
     * Lists every parameter name the value refers to, in both branches of conditionals and in
     * relational operands, without recursing into the values (postconf's scan mode). Syntax errors
     * end the scan silently, as in postconf.
     */
    public static Set<String> referencedNames(String pattern) {
        MacroExpander ex = new MacroExpander(name -> null, false, true);
        ex.run(pattern, new StringBuilder());
        return ex.scanned;
    }

    private int run(String pattern, StringBuilder out) {
        if (++contexts > MAX_CONTEXTS) {
            messages.add("unreasonable expression nesting: \"" + abbreviate(pattern) + "\"");
            return ERROR;
        }
        try {
            return parse(pattern, new Context(out));
        } finally {
            contexts--;
        }
    }

    private final class Context {
        final StringBuilder result;
        int level;
        int status;

        Context(StringBuilder result) {
            this.result = result;
        }
    }

    /** mac_parse(): splits literal text from $ references and calls back for each. */
    private int parse(String value, Context mc) {
        StringBuilder buf = new StringBuilder();
        int status = 0;
        int n = value.length();
        int vp = 0;
        while (vp < n && (status & ERROR) == 0) {
            char c = value.charAt(vp);
            if (c != '$') {
                buf.append(c);
                vp++;
            } else if (vp + 1 < n && value.charAt(vp + 1) == '$') {
                buf.append('$');
                vp += 2;
            } else {
                if (buf.length() > 0) {
                    status |= callback(false, buf.toString(), mc);
                    buf.setLength(0);
                }
                vp++;
                if (vp < n && (value.charAt(vp) == '(' || value.charAt(vp) == '{')) {
                    char open = value.charAt(vp);
                    char close = open == '(' ? ')' : '}';
                    int level = 1;
                    int ep = vp + 1;
                    while (level > 0) {
                        if (ep >= n) {
                            messages.add("truncated macro reference: \"" + abbreviate(value) + "\"");
                            status |= ERROR;
                            break;
                        }
                        char e = value.charAt(ep);
                        if (e == open) {
                            level++;
                        } else if (e == close) {
                            level--;
                        }
                        ep++;
                    }
                    if ((status & ERROR) != 0) {
                        break;
                    }
                    buf.append(value, vp + 1, ep - 1);
                    vp = ep;
                } else {
                    int ep = vp;
                    while (ep < n && isNameChar(value.charAt(ep))) {
                        ep++;
                    }
                    buf.append(value, vp, ep);
                    vp = ep;
                }
                if (buf.length() == 0) {
                    messages.add("empty macro name: \"" + abbreviate(value) + "\"");
                    status |= ERROR;
                    break;
                }
                status |= callback(true, buf.toString(), mc);
                buf.setLength(0);
            }
        }
        if (buf.length() > 0 && (status & ERROR) == 0) {
            status |= callback(false, buf.toString(), mc);
        }
        return status;
    }

    private int fail(Context mc, String message) {
        messages.add(message);
        mc.status |= ERROR;
        return mc.status;
    }

    /** mac_expand_callback(): one literal or one reference. */
    private int callback(boolean expr, String buf, Context mc) {
        if (++steps > MAX_STEPS) {
            return fail(mc, "expansion needs more than " + MAX_STEPS + " steps: refusing (self-multiplying macros?)");
        }
        if (mc.level++ > MAX_NESTING) {
            fail(mc, "unreasonable macro call nesting: \"" + abbreviate(buf) + "\"");
        }
        if ((mc.status & ERROR) != 0) {
            return mc.status;
        }
        if (!expr) {
            if (!scan) {
                append(mc, buf);
            }
            mc.level--;
            return mc.status;
        }
        String text = buf;
        String refName = null;
        int cp = skipSpace(text, 0);
        String found;
        char ch;
        if (cp < text.length() && text.charAt(cp) == '{') {
            Relational rel = parseRelational(mc, text, cp);
            if (rel == null) {
                return mc.status;
            }
            found = rel.value;
            cp = rel.next;
            if (cp < text.length()) {
                ch = text.charAt(cp);
                if (ch != '?' && ch != ':') {
                    return fail(mc, "\"?\" or \":\" expected at: \"..." + abbreviate(text.substring(cp)) + "\"");
                }
                cp++;
            } else {
                ch = 0;
            }
        } else {
            int start = cp;
            int nameEnd;
            refName = null;
            for (;; cp++) {
                int ws = skipSpace(text, cp);
                if (ws >= text.length()) {
                    nameEnd = cp;
                    ch = 0;
                    break;
                }
                char at = text.charAt(ws);
                if (at == '?' || at == ':') {
                    nameEnd = cp;
                    ch = at;
                    cp = ws + 1;
                    break;
                }
                if (!isNameChar(text.charAt(cp))) {
                    return fail(mc, "attribute name syntax error at: \"" + abbreviate(text) + "\"");
                }
            }
            String name = text.substring(start, nameEnd);
            refName = name;
            if (scan) {
                scanned.add(name);
                found = null;
            } else {
                found = lookup.lookup(name);
                if (found == null) {
                    undefined.add(name);
                }
            }
        }
        switch (ch) {
            case '?' -> {
                String ifTrue;
                int curly = skipSpace(text, cp);
                if (curly < text.length() && text.charAt(curly) == '{') {
                    int[] end = new int[1];
                    ifTrue = curlyPayload(mc, text, curly, end);
                    if (ifTrue == null) {
                        return mc.status;
                    }
                    cp = end[0];
                } else {
                    ifTrue = text.substring(cp);
                    cp = text.length();
                }
                if ((found != null && !found.isEmpty()) || scan) {
                    mc.status |= parse(ifTrue, mc);
                }
                if (cp >= text.length()) {
                    break;
                }
                if (text.charAt(cp) != ':') {
                    return fail(mc, "\":\" expected at: \"..." + abbreviate(text.substring(cp)) + "\"");
                }
                cp++;
                if (elseBranch(mc, text, cp, found) != 0) {
                    return mc.status;
                }
            }
            case ':' -> {
                if (elseBranch(mc, text, cp, found) != 0) {
                    return mc.status;
                }
            }
            default -> {
                if (found == null) {
                    mc.status |= UNDEF;
                } else if (found.isEmpty() || scan) {
                    // nothing to add
                } else if (recurse) {
                    chain.addLast(refName == null ? "" : refName);
                    mc.status |= parse(found, mc);
                    chain.removeLast();
                } else {
                    append(mc, found);
                }
            }
        }
        if ((mc.status & ERROR) == 0) {
            mc.level--;
        }
        return mc.status;
    }

    /** The ':' operand; returns non-zero on a syntax error. */
    private int elseBranch(Context mc, String text, int cp, String found) {
        String ifFalse;
        int curly = skipSpace(text, cp);
        int next;
        if (curly < text.length() && text.charAt(curly) == '{') {
            int[] end = new int[1];
            ifFalse = curlyPayload(mc, text, curly, end);
            if (ifFalse == null) {
                return ERROR;
            }
            next = end[0];
        } else {
            ifFalse = text.substring(cp);
            next = text.length();
        }
        if (found == null || found.isEmpty() || scan) {
            mc.status |= parse(ifFalse, mc);
        }
        if (next < text.length()) {
            fail(mc, "unexpected input at: \"..." + abbreviate(text.substring(next)) + "\"");
            return ERROR;
        }
        return 0;
    }

    private record Relational(String value, int next) {
    }

    private Relational parseRelational(Context mc, String text, int cp) {
        int[] end = new int[1];
        String left = curlyPayload(mc, text, cp, end);
        if (left == null) {
            return null;
        }
        cp = end[0];
        int opStart = cp;
        while (cp < text.length() && "<>!=?+-*/~&|%".indexOf(text.charAt(cp)) >= 0) {
            cp++;
        }
        String op = text.substring(opStart, cp);
        if (!List.of("==", "!=", "<", "<=", ">=", ">").contains(op)) {
            fail(mc, "\"==\" or \"!=\" or \"<\" or \"<=\" or \">=\" or \">\" expected at: \"..."
                    + abbreviate(text.substring(opStart)) + "\"");
            return null;
        }
        boolean level = false;
        if (cp < text.length() && Character.isLetterOrDigit(text.charAt(cp)) && text.charAt(cp) < 128) {
            int s = cp;
            while (cp < text.length() && text.charAt(cp) < 128 && Character.isLetterOrDigit(text.charAt(cp))) {
                cp++;
            }
            if (!text.substring(s, cp).equals("level")) {
                fail(mc, "bad operator suffix at: \"..." + op + ">>>" + text.substring(s, cp) + "\"");
                return null;
            }
            level = true;
        }
        int curly = skipSpace(text, cp);
        if (curly >= text.length() || text.charAt(curly) != '{') {
            fail(mc, "\"{expression}\" expected at: \"..." + abbreviate(text.substring(cp)) + "\"");
            return null;
        }
        String right = curlyPayload(mc, text, curly, end);
        if (right == null) {
            return null;
        }
        StringBuilder l = new StringBuilder();
        StringBuilder r = new StringBuilder();
        mc.status |= run(left, l);
        mc.status |= run(right, r);
        if ((mc.status & ERROR) != 0) {
            return null;
        }
        if (scan) {
            return new Relational(null, end[0]);
        }
        Integer delta = level ? compareLevels(mc, l.toString(), r.toString()) : compareValues(l.toString(), r.toString());
        if (delta == null) {
            return null;
        }
        int d = delta;
        boolean truth = switch (op) {
            case "==" -> d == 0;
            case "!=" -> d != 0;
            case "<" -> d < 0;
            case "<=" -> d <= 0;
            case ">=" -> d >= 0;
            default -> d > 0;
        };
        return new Relational(truth ? TRUE : FALSE, end[0]);
    }

    private static Integer compareValues(String left, String right) {
        if (allDigits(left) && allDigits(right)) {
            return new java.math.BigInteger(left).compareTo(new java.math.BigInteger(right));
        }
        return Integer.signum(compareBytes(left, right));
    }

    private static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    private Integer compareLevels(Context mc, String left, String right) {
        long[] a = CompatibilityLevel.parse(left);
        if (a == null) {
            fail(mc, "malformed compatibility level syntax: \"" + abbreviate(left) + "\"");
            return null;
        }
        long[] b = CompatibilityLevel.parse(right);
        if (b == null) {
            fail(mc, "malformed compatibility level syntax: \"" + abbreviate(right) + "\"");
            return null;
        }
        return CompatibilityLevel.compare(a, b);
    }

    /** Extracts a balanced {...} payload starting at text[open] == '{'; end[0] is set past trailing blanks. */
    private String curlyPayload(Context mc, String text, int open, int[] end) {
        int level = 1;
        int cp = open + 1;
        for (;; cp++) {
            if (cp >= text.length()) {
                fail(mc, "unbalanced {} in attribute expression: \"" + abbreviate(text.substring(open)) + "\"");
                return null;
            }
            char c = text.charAt(cp);
            if (c == '{') {
                level++;
            } else if (c == '}' && --level <= 0) {
                break;
            }
        }
        end[0] = skipSpace(text, cp + 1);
        return text.substring(open + 1, cp);
    }

    private void append(Context mc, String s) {
        produced += s.length();
        if (produced > MAX_RESULT_CHARS) {
            fail(mc, "expansion longer than " + MAX_RESULT_CHARS + " characters: refusing (self-multiplying macros?)");
            return;
        }
        if (segments != null && contexts == 1) {
            int start = mc.result.length();
            segments.add(new Segment(start, start + s.length(), List.copyOf(chain)));
        }
        mc.result.append(s);
    }

    static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean allDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && MainCfParser.isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}

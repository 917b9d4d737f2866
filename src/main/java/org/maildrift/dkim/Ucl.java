package org.maildrift.dkim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The part of UCL (libucl, the language of rspamd's configuration) that signing configurations use, read into
 * a Jackson tree as libucl 0.8 builds it: {@code key = value}, {@code key: value} and {@code key value}, objects
 * and arrays, double-quoted strings (escapes, variables), single-quoted strings (only {@code \'}), heredocs,
 * atoms up to the end of the line, {@code ;} or {@code ,}, numbers and booleans, {@code #} and nested
 * {@code /* *}{@code /} comments. A key given twice makes an implicit array; under {@link Duplicates#MERGE}
 * (rspamd's local.d) two objects merge instead. Macros ({@code .include}, {@code .priority}) are skipped and
 * listed. Errors name the file and line, never the text.
 */
public final class Ucl {

    /** What a key given twice in one object becomes. */
    public enum Duplicates {
        /** An implicit array of both values (libucl's default). */
        APPEND,
        /** Objects merge key by key; other values make an implicit array. */
        MERGE
    }

    /** A file that is not UCL libucl reads. */
    public static final class UclException extends Exception {
        private static final long serialVersionUID = 1L;

        UclException(String file, int line, String message) {
            super(file + ":" + line + ": " + message);
        }
    }

    /**
     * The tree, the line each key of each object is on ({@code keyLines}, by the object's identity: scalar nodes
     * may be shared), and the macros it skipped ("line 12: .include").
     */
    public record Parsed(ObjectNode tree, java.util.IdentityHashMap<ObjectNode, Map<String, Integer>> keyLines,
            List<String> skippedMacros) {
    }

    private static final int MAX_DEPTH = 64;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String file;
    private final String text;
    private final Duplicates duplicates;
    private final Map<String, String> variables;
    private final List<String> macros = new ArrayList<>();
    private final java.util.IdentityHashMap<ObjectNode, Map<String, Integer>> lines = new java.util.IdentityHashMap<>();
    private int pos;
    private int line = 1;

    private Ucl(String file, String text, Duplicates duplicates, Map<String, String> variables) {
        this.file = file;
        this.text = text;
        this.duplicates = duplicates;
        this.variables = variables;
    }

    /**
     * Reads {@code text} (named {@code file} in errors). {@code variables} are expanded in double-quoted strings,
     * heredocs and atoms ({@code $NAME}, {@code ${NAME}}; {@code $$} is a dollar); an unknown one is left as it is.
     */
    public static Parsed parse(String file, String text, Duplicates duplicates, Map<String, String> variables)
            throws UclException {
        Ucl p = new Ucl(file, text, duplicates, variables);
        ObjectNode root = NODES.objectNode();
        p.skipSpace();
        if (p.peek() == '{') {
            p.pos++;
            p.objectBody(root, '}', 1);
            p.pos++;
            p.skipSpace();
            if (p.pos < text.length()) {
                throw p.error("text after the closing brace of the top-level object");
            }
        } else {
            p.objectBody(root, (char) 0, 1);
        }
        return new Parsed(root, p.lines, List.copyOf(p.macros));
    }

    /** Puts {@code value} under {@code key} as libucl does when the key is already there. */
    public static void insert(ObjectNode obj, String key, JsonNode value, Duplicates duplicates) {
        JsonNode old = obj.get(key);
        if (old == null) {
            obj.set(key, value);
        } else if (duplicates == Duplicates.MERGE && old.isObject() && value.isObject()) {
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                insert((ObjectNode) old, e.getKey(), e.getValue(), duplicates);
            }
        } else if (duplicates == Duplicates.MERGE && old.isArray() && value.isArray()) {
            // two lists merge into one (an implicit array of values joins it value by value)
            value.forEach(((ArrayNode) old)::add);
        } else {
            ImplicitArray arr;
            if (old instanceof ImplicitArray a) {
                arr = a;
            } else {
                arr = new ImplicitArray();
                arr.add(old);
                obj.set(key, arr);
            }
            if (value instanceof ImplicitArray more) {
                more.forEach(arr::add);
            } else {
                arr.add(value);
            }
        }
    }

    /** A value given twice: an array in the tree (as configdump shows it), marked so that a third value joins it. */
    static final class ImplicitArray extends ArrayNode {
        private static final long serialVersionUID = 1L;

        ImplicitArray() {
            super(NODES);
        }
    }

    // ---- grammar ----

    private void objectBody(ObjectNode obj, char end, int depth) throws UclException {
        if (depth > MAX_DEPTH) {
            throw error("objects nested deeper than " + MAX_DEPTH);
        }
        while (true) {
            skipSpaceAndSeparators();
            if (pos >= text.length()) {
                if (end != 0) {
                    throw error("the object is not closed with '" + end + "'");
                }
                return;
            }
            char c = peek();
            if (c == end) {
                return;
            }
            if (c == '}' || c == ']') {
                throw error("unexpected '" + c + "'");
            }
            if (c == '.') {
                macro();
                continue;
            }
            element(obj, depth);
        }
    }

    /**
     * One {@code key value} into {@code obj}. Without '=' or ':', a '{' or '[' before the end of the line makes
     * the next word a key of a nested object, as libucl reads {@code section "name" { … }}.
     */
    private void element(ObjectNode obj, int depth) throws UclException {
        if (depth > MAX_DEPTH) {
            throw error("keys nested deeper than " + MAX_DEPTH);
        }
        String key = key();
        skipInlineSpace();
        char s = peek();
        if (s == '=' || s == ':') {
            pos++;
            skipSpace();
        } else if (s == '\n' || pos >= text.length()) {
            throw error("invalid character in a key");
        } else if (s != '{' && s != '[' && nestedKeyFollows()) {
            int at = line;
            ObjectNode inner = NODES.objectNode();
            element(inner, depth + 1);
            lines.computeIfAbsent(obj, k -> new java.util.HashMap<>()).putIfAbsent(key, at);
            insert(obj, key, inner, duplicates);
            return;
        }
        int at = line;
        JsonNode value = value(depth);
        lines.computeIfAbsent(obj, k -> new java.util.HashMap<>()).putIfAbsent(key, at);
        insert(obj, key, value, duplicates);
    }

    /** libucl's look-ahead: a '{' or '[' before the next ',', ';' or end of line (quotes are not respected). */
    private boolean nestedKeyFollows() {
        for (int i = pos; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == ';' || c == '\n' || c == '\r') {
                return false;
            }
            if (c == '{' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private void macro() throws UclException {
        int start = line;
        int from = pos;
        while (pos < text.length() && isKeyChar(peek())) {
            pos++;
        }
        String name = text.substring(from, pos);
        // .include(params) "path" and the like: skipped to the end of the line
        while (pos < text.length() && peek() != '\n') {
            pos++;
        }
        macros.add("line " + start + ": " + org.maildrift.files.Printable.of(name, 20));
    }

    private String key() throws UclException {
        char c = peek();
        if (c == '"') {
            return doubleQuoted(false);
        }
        if (c == '\'') {
            throw error("key must begin with a letter");
        }
        int from = pos;
        while (pos < text.length() && isKeyChar(peek())) {
            pos++;
        }
        if (pos == from) {
            throw error("invalid character in a key");
        }
        return text.substring(from, pos);
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == '$' || c == '@'
                || c == '*' || c == '+';
    }

    private JsonNode value(int depth) throws UclException {
        if (pos >= text.length()) {
            throw error("a value is missing");
        }
        char c = peek();
        switch (c) {
            case '{': {
                pos++;
                ObjectNode o = NODES.objectNode();
                objectBody(o, '}', depth + 1);
                pos++;
                return o;
            }
            case '[': {
                pos++;
                return array(depth + 1);
            }
            case '"':
                return NODES.stringNode(doubleQuoted(true));
            case '\'':
                return NODES.stringNode(singleQuoted());
            default:
                if (text.startsWith("<<", pos) && heredocStart()) {
                    return NODES.stringNode(heredoc());
                }
                return atom();
        }
    }

    private ArrayNode array(int depth) throws UclException {
        if (depth > MAX_DEPTH) {
            throw error("arrays nested deeper than " + MAX_DEPTH);
        }
        ArrayNode a = NODES.arrayNode();
        while (true) {
            skipSpaceAndSeparators();
            if (pos >= text.length()) {
                throw error("the array is not closed with ']'");
            }
            if (peek() == ']') {
                pos++;
                return a;
            }
            a.add(value(depth));
        }
    }

    private String doubleQuoted(boolean expand) throws UclException {
        int startLine = line;
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new UclException(file, startLine, "the string is not closed with '\"'");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\n') {
                line++;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("the string ends in an escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case '\\', '"', '/' -> out.append(e);
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("a \\u escape needs four hex digits");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException x) {
                        throw error("a \\u escape needs four hex digits");
                    }
                    pos += 4;
                }
                case '\n' -> line++;
                default -> throw error("an unknown escape in a string");
            }
        }
        return expand ? expand(out.toString()) : out.toString();
    }

    private String singleQuoted() throws UclException {
        int startLine = line;
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new UclException(file, startLine, "the string is not closed with \"'\"");
            }
            char c = text.charAt(pos++);
            if (c == '\'') {
                return out.toString();
            }
            if (c == '\n') {
                line++;
            }
            if (c == '\\' && pos < text.length() && text.charAt(pos) == '\'') {
                out.append('\'');
                pos++;
            } else {
                out.append(c);
            }
        }
    }

    private boolean heredocStart() {
        int i = pos + 2;
        int from = i;
        while (i < text.length() && text.charAt(i) >= 'A' && text.charAt(i) <= 'Z') {
            i++;
        }
        return i > from && i < text.length() && text.charAt(i) == '\n';
    }

    private String heredoc() throws UclException {
        int startLine = line;
        int i = pos + 2;
        int from = i;
        while (text.charAt(i) >= 'A' && text.charAt(i) <= 'Z') {
            i++;
        }
        String term = text.substring(from, i);
        pos = i + 1;
        line++;
        List<String> lines = new ArrayList<>();
        while (true) {
            if (pos >= text.length()) {
                throw new UclException(file, startLine, "the heredoc is not closed by its terminator line");
            }
            int nl = text.indexOf('\n', pos);
            String l = nl < 0 ? text.substring(pos) : text.substring(pos, nl);
            pos = nl < 0 ? text.length() : nl + 1;
            line++;
            if (l.equals(term)) {
                if (nl >= 0) {
                    // the newline after the terminator ends the value
                    pos--;
                    line--;
                }
                return expand(String.join("\n", lines));
            }
            lines.add(l);
        }
    }

    private JsonNode atom() throws UclException {
        int from = pos;
        while (pos < text.length()) {
            char c = peek();
            if (c == ';' || c == ',' || c == '\n' || c == '}' || c == ']' || c == '#'
                    || (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '*')) {
                break;
            }
            pos++;
        }
        String whole = text.substring(from, pos);
        String raw = whole.strip();
        if (raw.isEmpty()) {
            throw error("a value is missing");
        }
        JsonNode v = typed(expand(raw));
        // libucl reads a multiplier suffix only right before the terminator: "10k ;" stays a string
        if (v.isNumber() && raw.matches(".*[kKmMgG][bB]?") && whole.length() > whole.stripTrailing().length()) {
            return NODES.stringNode(expand(raw));
        }
        return v;
    }

    /** Booleans, null and numbers (decimal, 0x hex, with libucl's k/m/g and kb/mb/gb multipliers), else a string. */
    private static JsonNode typed(String v) {
        switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on":
                return NODES.booleanNode(true);
            case "false", "no", "off":
                return NODES.booleanNode(false);
            case "null":
                return NODES.nullNode();
            default:
                break;
        }
        if (v.matches("-?0x[0-9a-fA-F]{1,15}")) {
            boolean neg = v.startsWith("-");
            long n = Long.parseLong(v.substring(neg ? 3 : 2), 16);
            return NODES.numberNode(neg ? -n : n);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?\\d{1,18})(\\.\\d{1,18})?([kKmMgG][bB]?)?")
                .matcher(v);
        if (!m.matches()) {
            return NODES.stringNode(v);
        }
        long mult = 1;
        if (m.group(3) != null) {
            boolean binary = m.group(3).length() == 2;
            int power = "kmg".indexOf(Character.toLowerCase(m.group(3).charAt(0))) + 1;
            for (int i = 0; i < power; i++) {
                mult *= binary ? 1024 : 1000;
            }
        }
        if (m.group(2) != null) {
            return NODES.numberNode(new BigDecimal(m.group(1) + m.group(2)).multiply(BigDecimal.valueOf(mult))
                    .doubleValue());
        }
        return NODES.numberNode(Long.parseLong(m.group(1)) * mult);
    }

    /** {@code $NAME} and {@code ${NAME}} of the known variables; {@code $$} is one dollar. */
    private String expand(String s) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < s.length() && s.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String found = null;
            int next = i + 1;
            if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
                int close = s.indexOf('}', i + 2);
                if (close > 0 && variables.containsKey(s.substring(i + 2, close))) {
                    found = variables.get(s.substring(i + 2, close));
                    next = close + 1;
                }
            } else {
                // the longest known name that starts here, as libucl matches them
                for (Map.Entry<String, String> v : variables.entrySet()) {
                    if (s.startsWith(v.getKey(), i + 1)
                            && (found == null || v.getKey().length() + i + 1 > next)) {
                        found = v.getValue();
                        next = i + 1 + v.getKey().length();
                    }
                }
            }
            if (found == null) {
                out.append('$');
                i++;
            } else {
                out.append(found);
                i = next;
            }
        }
        return out.toString();
    }

    // ---- characters ----

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void skipInlineSpace() {
        while (pos < text.length() && (peek() == ' ' || peek() == '\t' || peek() == '\r')) {
            pos++;
        }
    }

    private void skipSpaceAndSeparators() throws UclException {
        while (true) {
            skipSpace();
            if (pos < text.length() && (peek() == ';' || peek() == ',')) {
                pos++;
                continue;
            }
            return;
        }
    }

    private void skipSpace() throws UclException {
        while (pos < text.length()) {
            char c = peek();
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && peek() != '\n') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '*') {
                comment();
            } else {
                return;
            }
        }
    }

    private void comment() throws UclException {
        int startLine = line;
        int depth = 0;
        while (pos < text.length()) {
            if (text.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (text.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                if (peek() == '\n') {
                    line++;
                }
                pos++;
            }
        }
        throw new UclException(file, startLine, "the comment is not closed with '*/'");
    }

    private UclException error(String message) {
        return new UclException(file, line, message);
    }
}

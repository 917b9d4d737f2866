package org.maildrift.mta.postfix.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.maildrift.mail.InterfaceAddress;
import org.maildrift.mail.IpAddresses;

/**
 * regexp_table(5), pcre_table(5) and cidr_table(5), evaluated per key: rules in order, the first that
 * matches gives the result; {@code if}/{@code endif} blocks (nested) skip their rules when their
 * condition fails; {@code !} negates. Patterns run as Java regular expressions, which agree with POSIX
 * ERE and PCRE on what domain patterns use (anchors, classes, alternation, repetition); flags: {@code i}
 * toggles case (matching ignores case by default), {@code x} extended syntax (pcre), {@code m} and
 * {@code s} as PCRE. A cidr table matches address keys only, so a domain never matches it.
 */
final class PatternTable implements TableLookup {

    private sealed interface Rule permits Match, If, EndIf {
    }

    private record Match(Pattern pattern, boolean negated, String result, int line) implements Rule {
    }

    private record If(Pattern pattern, boolean negated, int line) implements Rule {
    }

    private record EndIf(int line) implements Rule {
    }

    private record Cidr(byte[] network, int prefix, String result) {
    }

    private final String type;
    private final List<Rule> rules = new ArrayList<>();
    private final List<Object> cidrs = new ArrayList<>();

    private PatternTable(String type) {
        this.type = type;
    }

    @Override
    public boolean fixedKey() {
        return false;
    }

    /** Parses the table's text; a line Postfix would refuse fails with file:line. */
    static PatternTable parse(String type, String file, String text) throws TableDefinition.DefinitionException {
        PatternTable t = new PatternTable(type);
        List<String[]> logical = logicalLines(text);
        int depth = 0;
        for (String[] l : logical) {
            int line = Integer.parseInt(l[0]);
            String s = l[1];
            String where = file + ":" + line;
            if (type.equals("cidr")) {
                t.parseCidr(s, where);
                continue;
            }
            if (s.equals("endif")) {
                if (depth == 0) {
                    throw new TableDefinition.DefinitionException(where + ": endif without if");
                }
                depth--;
                t.rules.add(new EndIf(line));
                continue;
            }
            boolean isIf = s.startsWith("if") && s.length() > 2 && (Character.isWhitespace(s.charAt(2))
                    || s.charAt(2) == '!' || s.charAt(2) == '/');
            String rest = isIf ? s.substring(2).stripLeading() : s;
            boolean negated = rest.startsWith("!");
            if (negated) {
                rest = rest.substring(1).stripLeading();
            }
            if (rest.isEmpty() || Character.isWhitespace(rest.charAt(0)) || rest.charAt(0) == '\\') {
                throw new TableDefinition.DefinitionException(where + ": no pattern");
            }
            char delim = rest.charAt(0);
            int end = closing(rest, delim);
            if (end < 0) {
                throw new TableDefinition.DefinitionException(where + ": no closing " + delim + " for the pattern");
            }
            String body = rest.substring(1, end);
            int f = end + 1;
            while (f < rest.length() && !Character.isWhitespace(rest.charAt(f))) {
                f++;
            }
            Pattern p = compile(body, rest.substring(end + 1, f), where);
            String result = rest.substring(f).strip();
            if (isIf) {
                if (!result.isEmpty()) {
                    throw new TableDefinition.DefinitionException(where + ": text after the if pattern");
                }
                depth++;
                t.rules.add(new If(p, negated, line));
            } else {
                if (result.isEmpty()) {
                    throw new TableDefinition.DefinitionException(where + ": no result after the pattern");
                }
                t.rules.add(new Match(p, negated, result, line));
            }
        }
        return t;
    }

    private static int closing(String s, char delim) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && delim != '\\') {
                i++;
                continue;
            }
            if (c == delim) {
                return i;
            }
        }
        return -1;
    }

    private static Pattern compile(String body, String flags, String where) throws TableDefinition.DefinitionException {
        boolean ignoreCase = true;
        boolean comments = false;
        boolean multiline = false;
        boolean dotall = false;
        for (char c : flags.toCharArray()) {
            switch (c) {
                case 'i' -> ignoreCase = !ignoreCase;
                case 'x' -> comments = !comments;
                case 'm' -> multiline = !multiline;
                case 's' -> dotall = !dotall;
                case 'A', 'E', 'U', 'X' -> {
                    // pcre-only flags that do not change whether a domain pattern matches
                }
                default -> throw new TableDefinition.DefinitionException(where + ": unknown flag '"
                        + (c >= 0x21 && c < 0x7f ? String.valueOf(c) : "?") + "'");
            }
        }
        int bits = (ignoreCase ? Pattern.CASE_INSENSITIVE : 0) | (comments ? Pattern.COMMENTS : 0)
                | (multiline ? Pattern.MULTILINE : 0) | (dotall ? Pattern.DOTALL : 0);
        try {
            return Pattern.compile(body, bits);
        } catch (PatternSyntaxException e) {
            throw new TableDefinition.DefinitionException(where + ": the pattern does not compile ("
                    + e.getDescription() + ")");
        }
    }

    private void parseCidr(String s, String where) throws TableDefinition.DefinitionException {
        String[] parts = s.split("[ \t]+", 2);
        if (parts[0].equals("endif") || parts[0].equals("if")) {
            return; // blocks only narrow address keys, and domains never match a cidr table
        }
        String net = parts[0].startsWith("!") ? parts[0].substring(1) : parts[0];
        if (net.startsWith("[") && net.contains("]")) {
            net = net.substring(1, net.indexOf(']')) + net.substring(net.indexOf(']') + 1);
        }
        InterfaceAddress a = InterfaceAddress.parse(net);
        if (a == null) {
            throw new TableDefinition.DefinitionException(where + ": not an address or network");
        }
        if (parts.length < 2 || parts[1].isBlank()) {
            throw new TableDefinition.DefinitionException(where + ": no result after the network");
        }
        cidrs.add(new Cidr(IpAddresses.parse(a.address()).getAddress(), a.prefixKnown() ? a.prefixLength()
                : a.ipv6() ? 128 : 32, parts[1].strip()));
    }

    @Override
    public TableAnswer lookup(String key) {
        if (type.equals("cidr")) {
            InterfaceAddress a = InterfaceAddress.parse(key);
            if (a == null || a.prefixKnown()) {
                return TableAnswer.notFound("a cidr table matches addresses, not names");
            }
            byte[] k = IpAddresses.parse(a.address()).getAddress();
            for (Object o : cidrs) {
                Cidr c = (Cidr) o;
                if (c.network().length == k.length && inNetwork(k, c.network(), c.prefix())) {
                    return TableAnswer.found(c.result());
                }
            }
            return TableAnswer.notFound("no network matches");
        }
        int skipping = 0;
        for (Rule r : rules) {
            if (r instanceof EndIf) {
                if (skipping > 0) {
                    skipping--;
                }
                continue;
            }
            if (r instanceof If i) {
                if (skipping > 0 || i.pattern().matcher(key).find() == i.negated()) {
                    skipping++;
                }
                continue;
            }
            if (skipping > 0) {
                continue;
            }
            Match m = (Match) r;
            if (m.pattern().matcher(key).find() != m.negated()) {
                return TableAnswer.found(m.result());
            }
        }
        return TableAnswer.notFound("no pattern matches");
    }

    private static boolean inNetwork(byte[] key, byte[] net, int prefix) {
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((key[bit / 8] & mask) != (net[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Lines with their numbers; a line starting with white space continues the previous one. */
    private static List<String[]> logicalLines(String text) {
        List<String[]> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            if (raw.isBlank() || raw.stripLeading().startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && !out.isEmpty()) {
                String[] last = out.get(out.size() - 1);
                last[1] = last[1] + " " + raw.strip();
                continue;
            }
            out.add(new String[] {String.valueOf(i + 1), raw.strip()});
        }
        return out;
    }
}

package org.maildrift.mta.sendmail;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of sscanf() that sendmail class-file formats use: {@code %s} (take a word), {@code %*s}
 * (skip a word), {@code %[set]} and {@code %[^set]} (take the run of characters in, or not in, the set,
 * as Debian's {@code %[^\#]} does), blanks (skip blanks) and literal characters. sendmail then splits
 * what the first conversion assigned into words and adds every one (readcf.c, parse_class_words), so
 * {@code %s} gives one word a line and {@code %[^\#]} every word before a {@code #} or a backslash.
 */
final class ScanfFormat {

    private sealed interface Step {
    }

    private record Take() implements Step {
    }

    private record Skip() implements Step {
    }

    private record Blank() implements Step {
    }

    private record Literal(char c) implements Step {
    }

    /** {@code %[…]}: characters in {@code chars} (or, negated, not in it); {@code skip} for {@code %*[…]}. */
    private record CharSet(String chars, boolean negated, boolean skip) implements Step {
        boolean has(char c) {
            return chars.indexOf(c) >= 0 != negated;
        }
    }

    private final List<Step> steps;

    private ScanfFormat(List<Step> steps) {
        this.steps = steps;
    }

    /** Null when the format uses something not modelled here. */
    static ScanfFormat parse(String format) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == ' ' || c == '\t') {
                steps.add(new Blank());
                i++;
            } else if (c == '%') {
                if (format.startsWith("%s", i)) {
                    steps.add(new Take());
                    i += 2;
                } else if (format.startsWith("%*s", i)) {
                    steps.add(new Skip());
                    i += 3;
                } else if (format.startsWith("%%", i)) {
                    steps.add(new Literal('%'));
                    i += 2;
                } else if (format.startsWith("%[", i) || format.startsWith("%*[", i)) {
                    boolean skip = format.charAt(i + 1) == '*';
                    int j = i + (skip ? 3 : 2);
                    boolean negated = j < format.length() && format.charAt(j) == '^';
                    if (negated) {
                        j++;
                    }
                    StringBuilder set = new StringBuilder();
                    // a ']' right after '[' or '[^' is a member, not the end
                    if (j < format.length() && format.charAt(j) == ']') {
                        set.append(']');
                        j++;
                    }
                    while (j < format.length() && format.charAt(j) != ']') {
                        char m = format.charAt(j);
                        if (m == '-' && set.length() > 0 && j + 1 < format.length() && format.charAt(j + 1) != ']') {
                            char from = set.charAt(set.length() - 1);
                            char to = format.charAt(j + 1);
                            for (char r = (char) (from + 1); r <= to; r++) {
                                set.append(r);
                            }
                            j += 2;
                            continue;
                        }
                        set.append(m);
                        j++;
                    }
                    if (j >= format.length()) {
                        return null;
                    }
                    steps.add(new CharSet(set.toString(), negated, skip));
                    i = j + 1;
                } else {
                    return null;
                }
            } else {
                steps.add(new Literal(c));
                i++;
            }
        }
        return new ScanfFormat(steps);
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private int end = -1;
    private boolean lastWasWord;

    /**
     * The words the class gets from one line: what the first assigning conversion took, split at blanks;
     * empty when the line does not match up to it.
     */
    List<String> words(String line) {
        int p = 0;
        String taken = null;
        end = -1;
        lastWasWord = false;
        for (Step s : steps) {
            if (s instanceof Blank) {
                while (p < line.length() && blank(line.charAt(p))) {
                    p++;
                }
            } else if (s instanceof Literal lit) {
                if (p >= line.length() || line.charAt(p) != lit.c()) {
                    break;
                }
                p++;
            } else if (s instanceof CharSet set) {
                // %[ does not skip leading blanks, and needs at least one character
                int start = p;
                while (p < line.length() && set.has(line.charAt(p))) {
                    p++;
                }
                if (start == p) {
                    break;
                }
                if (!set.skip() && taken == null) {
                    taken = line.substring(start, p);
                    end = p;
                }
            } else {
                while (p < line.length() && blank(line.charAt(p))) {
                    p++;
                }
                int start = p;
                while (p < line.length() && !blank(line.charAt(p))) {
                    p++;
                }
                if (start == p) {
                    break;
                }
                if (s instanceof Take && taken == null) {
                    taken = line.substring(start, p);
                    end = p;
                    lastWasWord = true;
                }
            }
        }
        if (taken == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String w : taken.split("[ \\t\\n\\r\\f\\x0b]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Text after a word taken by {@code %s} in the last {@link #words} call (for the "ignored words" note);
     * null after a {@code %[…]} conversion, which keeps every word it took.
     */
    String trailing(String line) {
        return !lastWasWord || end < 0 || end >= line.length() ? null : line.substring(end);
    }
}

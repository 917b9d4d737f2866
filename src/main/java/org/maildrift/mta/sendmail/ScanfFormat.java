package org.maildrift.mta.sendmail;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of sscanf() that sendmail class-file formats use: {@code %s} (take a word), {@code %*s}
 * (skip a word), blanks (skip blanks) and literal characters. The class gets the first word taken.
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

    /** The word the format assigns, or null when the line does not match up to the first %s. */
    String firstWord(String line) {
        int p = 0;
        String taken = null;
        end = -1;
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
                }
            }
        }
        return taken;
    }

    /** Text after the word taken by the last {@link #firstWord} call (for the "ignored words" note). */
    String trailing(String line) {
        return end < 0 || end >= line.length() ? null : line.substring(end);
    }
}

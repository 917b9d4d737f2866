package org.maildrift.mta.postfix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.maildrift.mta.model.ConfigProblem;

/**
 * Splits main.cf text into entries exactly as Postfix's readllines() and split_nameval() do
 * (docs/mta-readers.md, spec P1). Bounded: oversized files, overlong logical lines and NUL bytes are
 * reported as errors with file and line instead of being read.
 */
public final class MainCfParser {

    /** Largest main.cf accepted; real ones are a few kilobytes. */
    public static final int MAX_FILE_CHARS = 16 * 1024 * 1024;
    /** Largest logical line accepted. */
    public static final int MAX_LOGICAL_LINE_CHARS = 1024 * 1024;

    private MainCfParser() {
    }

    public static MainCf parse(String file, String text) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, MainCf.Entry> entries = new LinkedHashMap<>();
        if (text.length() > MAX_FILE_CHARS) {
            problems.add(ConfigProblem.error(file, 0,
                    "file is larger than " + MAX_FILE_CHARS + " characters; not read"));
            return new MainCf(file, entries, problems, true);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            int line = lineOf(text, nul);
            problems.add(ConfigProblem.error(file, line, "NUL byte in configuration text; file not read"));
            return new MainCf(file, entries, problems, true);
        }

        StringBuilder logical = null;
        int logicalLine = 0;
        boolean discarding = false;
        int lineNo = 0;
        int pos = 0;
        int len = text.length();
        while (pos < len) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? len : nl;
            String physical = text.substring(pos, end);
            pos = nl < 0 ? len : nl + 1;
            lineNo++;
            int first = firstNonSpace(physical);
            if (first < 0 || physical.charAt(first) == '#') {
                continue;
            }
            if (first > 0) {
                if (logical == null && !discarding) {
                    String shown = physical.length() > 30 ? physical.substring(0, 30) + "..." : physical;
                    problems.add(ConfigProblem.warning(file, lineNo,
                            "logical line must not start with whitespace: \"" + shown + "\" (ignored)"));
                    discarding = true;
                }
                if (!discarding) {
                    if (logical.length() + physical.length() > MAX_LOGICAL_LINE_CHARS) {
                        problems.add(ConfigProblem.error(file, logicalLine,
                                "logical line longer than " + MAX_LOGICAL_LINE_CHARS + " characters"));
                        return new MainCf(file, entries, problems, true);
                    }
                    logical.append(physical);
                }
                continue;
            }
            if (logical != null && !apply(file, logical.toString(), logicalLine, entries, problems)) {
                return new MainCf(file, entries, problems, true);
            }
            discarding = false;
            logical = new StringBuilder(physical);
            logicalLine = lineNo;
        }
        if (logical != null && !apply(file, logical.toString(), logicalLine, entries, problems)) {
            return new MainCf(file, entries, problems, true);
        }
        return new MainCf(file, entries, problems, false);
    }

    /** split_nameval(): returns false on the fatal syntax errors. */
    private static boolean apply(String file, String logical, int line, Map<String, MainCf.Entry> entries,
            List<ConfigProblem> problems) {
        int n = logical.length();
        int np = 0;
        while (np < n && isSpace(logical.charAt(np))) {
            np++;
        }
        if (np == n || logical.charAt(np) == '=') {
            problems.add(ConfigProblem.error(file, line, "missing attribute name: \"" + logical + "\""));
            return false;
        }
        int ep = np;
        while (ep < n && !isSpace(logical.charAt(ep)) && logical.charAt(ep) != '=') {
            ep++;
        }
        int cp = ep;
        while (cp < n && isSpace(logical.charAt(cp))) {
            cp++;
        }
        if (cp == n || logical.charAt(cp) != '=') {
            problems.add(ConfigProblem.error(file, line, "missing '=' after attribute name: \"" + logical + "\""));
            return false;
        }
        String name = logical.substring(np, ep);
        int vs = cp + 1;
        while (vs < n && isSpace(logical.charAt(vs))) {
            vs++;
        }
        int ve = n;
        while (ve > vs && isSpace(logical.charAt(ve - 1))) {
            ve--;
        }
        String value = logical.substring(vs, ve);
        MainCf.Entry old = entries.remove(name);
        if (old != null && !old.value().equals(value)) {
            problems.add(ConfigProblem.warning(file, line,
                    "overriding earlier entry: " + name + "=" + old.value() + " (line " + old.line() + ")"));
        }
        entries.put(name, new MainCf.Entry(name, value, line));
        return true;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0b || c == '\f';
    }

    private static int firstNonSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isSpace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}

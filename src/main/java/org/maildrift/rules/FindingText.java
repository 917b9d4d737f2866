package org.maildrift.rules;

import java.util.Locale;

/** A finding as people read it in a terminal: severity, rule and subject, message, evidence, fix. */
public final class FindingText {

    private FindingText() {
    }

    public static String render(Finding f) {
        return render(f, String.format("%-8s", f.severity().label().toUpperCase(Locale.ROOT)));
    }

    /** With the severity shown as {@code severity} (the terminal colours it). */
    public static String render(Finding f, String severity) {
        StringBuilder sb = new StringBuilder();
        sb.append("  ").append(severity).append(' ').append(f.rule()).append("  ").append(f.subject()).append('\n');
        sb.append("    ").append(f.message()).append('\n');
        for (String line : f.evidence()) {
            sb.append("      ").append(line).append('\n');
        }
        sb.append("    fix: ").append(f.fix()).append('\n');
        return sb.toString();
    }
}

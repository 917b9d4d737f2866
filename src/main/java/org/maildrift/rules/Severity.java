package org.maildrift.rules;

import java.util.Locale;

/**
 * Severity by impact: critical = mail is or will be rejected or misrouted; warning = breaks under some
 * conditions; notice = worth knowing; info = a fact. Declared most severe first.
 */
public enum Severity {
    CRITICAL, WARNING, NOTICE, INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is at least as severe as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.label().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not one of critical, warning, notice, info");
    }
}

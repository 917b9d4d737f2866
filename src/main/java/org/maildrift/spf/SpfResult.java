package org.maildrift.spf;

import java.util.Locale;

/** The seven results of RFC 7208 §2.6, in its words. */
public enum SpfResult {
    PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, PERMERROR, TEMPERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The result a reference implementation prints (jSPF's "error" is RFC 4408's word for temperror). */
    public static SpfResult of(String word) {
        String w = word == null ? "" : word.trim().toLowerCase(Locale.ROOT);
        return switch (w) {
            case "pass" -> PASS;
            case "fail" -> FAIL;
            case "softfail" -> SOFTFAIL;
            case "neutral" -> NEUTRAL;
            case "none" -> NONE;
            case "permerror", "unknown" -> PERMERROR;
            case "temperror", "error" -> TEMPERROR;
            default -> throw new IllegalArgumentException("not an SPF result: " + word);
        };
    }
}

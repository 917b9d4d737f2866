package org.maildrift.files;

/**
 * A piece of someone else's text made fit for a message or a log line: control characters (C0, DEL,
 * C1) written as {@code \xNN}, and cut at a bound with "…", so that a file, a request or a typed value
 * can neither break a line nor fill one.
 */
public final class Printable {

    private Printable() {
    }

    /** {@code s} escaped and cut to at most {@code max} characters (before the "…"); "" for null. */
    public static String of(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= max && s.length() > max) {
            b.setLength(max);
            b.append('…');
        }
        return b.toString();
    }
}

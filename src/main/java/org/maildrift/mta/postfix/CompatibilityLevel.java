package org.maildrift.mta.postfix;

/** Postfix compatibility levels ("0", "2", "3.6", "3.10"), compared component by component. */
final class CompatibilityLevel {

    private CompatibilityLevel() {
    }

    /** Returns {major, minor, patch}, or null when the text is not a level. */
    static long[] parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length == 0 || parts.length > 3) {
            return null;
        }
        long[] out = new long[3];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 9) {
                return null;
            }
            for (int j = 0; j < p.length(); j++) {
                if (p.charAt(j) < '0' || p.charAt(j) > '9') {
                    return null;
                }
            }
            out[i] = Long.parseLong(p);
        }
        return out;
    }

    static int compare(long[] a, long[] b) {
        for (int i = 0; i < 3; i++) {
            int c = Long.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}

package org.maildrift.files;

/** Shell-style matching of names: {@code *} any run of characters, {@code ?} (when allowed) any one. */
public final class Glob {

    private Glob() {
    }

    /** Whether {@code text} matches {@code pattern}, case as given; {@code ?} is a wildcard when {@code anyOne}. */
    public static boolean matches(String pattern, String text, boolean anyOne) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            char c = p < pattern.length() ? pattern.charAt(p) : 0;
            if (p < pattern.length() && c != '*' && (c == text.charAt(t) || anyOne && c == '?')) {
                p++;
                t++;
            } else if (p < pattern.length() && c == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}

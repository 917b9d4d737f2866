package org.maildrift.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a password must be: at least 12 characters, no control characters, not only white space, not
 * two characters repeated, not the user name, and not a common password (a list shipped with maildrift,
 * compared without case and with trailing digits and punctuation ignored, so "Password2024!" is common).
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** Throws with what is wrong; never says the password. */
    static void check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new IllegalArgumentException("password: a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new IllegalArgumentException("password: control characters are not allowed");
        }
        if (password.isBlank()) {
            throw new IllegalArgumentException("password: a password of white space only is not allowed");
        }
        if (password.codePoints().distinct().count() <= 2) {
            throw new IllegalArgumentException("password: use more than two different characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String stem = lower.replaceAll("[\\d\\p{Punct}\\s]+$", "");
        if (username != null && (stem.equals(username.toLowerCase(Locale.ROOT))
                || lower.equals(username.toLowerCase(Locale.ROOT)))) {
            throw new IllegalArgumentException("password: it must not be the user name");
        }
        if (COMMON.contains(lower) || COMMON.contains(stem) || isRun(lower)) {
            throw new IllegalArgumentException("password: this is a commonly used password; choose another");
        }
    }

    /** A run such as 123456789012 or abcdefghijkl, which guessing lists try first. */
    private static boolean isRun(String s) {
        int up = 0;
        int down = 0;
        for (int i = 1; i < s.length(); i++) {
            int d = s.charAt(i) - s.charAt(i - 1);
            up += d == 1 || (s.charAt(i) == '0' && s.charAt(i - 1) == '9') ? 1 : 0;
            down += d == -1 ? 1 : 0;
        }
        return up == s.length() - 1 || down == s.length() - 1;
    }

    private static Set<String> load() {
        Set<String> out = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the build");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String p = line.strip().toLowerCase(Locale.ROOT);
                if (!p.isEmpty() && !p.startsWith("#")) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read common-passwords.txt", e);
        }
        return Set.copyOf(out);
    }
}

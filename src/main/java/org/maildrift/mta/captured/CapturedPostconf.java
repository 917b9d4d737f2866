package org.maildrift.mta.captured;

import java.util.Set;

/**
 * Prepares captured postconf output for the main.cf reader. {@code postconf -n} output is main.cf
 * syntax already. A full {@code postconf -x} dump holds every parameter with {@code $} references
 * already expanded, so a {@code $} left in it is literal (it was {@code $$}): it is escaped again so
 * that reading the dump gives the same values postconf printed.
 */
public final class CapturedPostconf {

    private CapturedPostconf() {
    }

    /** A full dump lists every parameter, mail_version among them; postconf -n lists only non-defaults. */
    public static boolean isFullDump(String text) {
        return text.contains("\nmail_version = ") || text.startsWith("mail_version = ");
    }

    /** In an expanded dump smtpd_banner's default ($myhostname ESMTP $mail_name) appears expanded. */
    public static boolean isExpandedDump(String text) {
        if (!isFullDump(text)) {
            return false;
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("smtpd_banner = ")) {
                return !line.contains("$");
            }
        }
        return false;
    }

    /**
     * The text to give the main.cf reader.
     *
     * @param raw parameters postconf never expands (their {@code $} stays a reference)
     */
    public static String asMainCf(String text, Set<String> raw) {
        if (!isExpandedDump(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (String line : text.split("\n", -1)) {
            int eq = line.indexOf(" = ");
            if (eq > 0 && !raw.contains(line.substring(0, eq))) {
                out.append(line, 0, eq + 3).append(line.substring(eq + 3).replace("$", "$$"));
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        return out.toString();
    }
}

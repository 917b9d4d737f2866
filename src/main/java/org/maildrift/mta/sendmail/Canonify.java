package org.maildrift.mta.sendmail;

/**
 * Spots recipient canonicalisation in the rules: a {@code $[ … $]} host lookup in ruleset Canonify2
 * (96), or in ruleset 3 of a hand-written .cf, that applies to every host (spec S3.1) or only to hosts
 * in class {Canonify} (FEATURE(nocanonify) with CANONIFY_DOMAIN, S3.2).
 */
final class Canonify {

    private boolean all;
    private boolean underClass;

    void rule(String ruleset, String line, int lineNo) {
        if (ruleset == null || !isCanonifyRuleset(ruleset)) {
            return;
        }
        String[] parts = line.substring(1).split("\t+", 3);
        if (parts.length < 2) {
            return;
        }
        String lhs = parts[0];
        String rhs = parts[1];
        if (!rhs.contains("$[")) {
            return;
        }
        if (lhs.contains("UUCP")) {
            return;
        }
        if (lhs.contains("$={Canonify}")) {
            underClass = true;
        } else if (!lhs.matches(".*\\$\\*\\s+c\\s+\\$\\*.*")) {
            all = true;
        }
    }

    private static boolean isCanonifyRuleset(String header) {
        String h = header.strip();
        String name = h.contains("=") ? h.substring(0, h.indexOf('=')).strip() : h;
        String number = h.contains("=") ? h.substring(h.indexOf('=') + 1).strip() : h;
        return name.equals("Canonify2") || number.equals("96") || name.equals("3") || name.equals("canonify");
    }

    boolean all() {
        return all;
    }

    boolean underCanonifyClass() {
        return underClass;
    }
}

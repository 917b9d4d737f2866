package org.maildrift.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MTA-STS (RFC 8461) as a sender reads it: the {@code _mta-sts} TXT record set and the policy text served
 * at {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt}. Problems are worded for people and never
 * quote more of the text than the field at fault.
 */
public final class MtaSts {

    /** Policies larger than this are refused (RFC 8461 suggests senders limit the size; 64 KiB is generous). */
    public static final int MAX_POLICY_BYTES = 64 * 1024;
    /** max_age's upper bound, one year (RFC 8461 section 3.2). */
    public static final long MAX_AGE_LIMIT = 31_557_600L;

    public enum Mode {
        ENFORCE, TESTING, NONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The TXT record: its id, or why senders assume there is no policy. */
    public record Record(String id, String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    /** A parsed policy, or why it does not parse. */
    public record Policy(Mode mode, List<String> mx, long maxAge, String problem) {
        public Policy {
            mx = List.copyOf(mx);
        }

        public boolean valid() {
            return problem == null;
        }

        /** The first pattern that covers {@code host}, or empty. */
        public Optional<String> covering(String host) {
            return mx.stream().filter(p -> matches(p, host)).findFirst();
        }
    }

    private MtaSts() {
    }

    /**
     * The record from the TXT strings at {@code _mta-sts.DOMAIN} (each already joined): those that do not
     * begin with {@code v=STSv1} are discarded; exactly one must remain, with a valid {@code id}.
     */
    public static Optional<Record> record(List<String> txt) {
        List<String> sts = txt.stream().filter(t -> t.startsWith("v=STSv1")).toList();
        if (sts.isEmpty()) {
            return Optional.empty();
        }
        if (sts.size() > 1) {
            return Optional.of(new Record(null, sts.size() + " TXT records begin with v=STSv1 (there must be one)"));
        }
        String id = null;
        for (String field : sts.get(0).split(";")) {
            String f = field.strip();
            int eq = f.indexOf('=');
            if (eq < 0) {
                if (!f.isEmpty()) {
                    return Optional.of(new Record(null, "a field without '=' in the TXT record"));
                }
                continue;
            }
            String key = f.substring(0, eq).strip();
            String value = f.substring(eq + 1).strip();
            if (key.equals("v") && !value.equals("STSv1")) {
                return Optional.of(new Record(null, "the version is not STSv1"));
            }
            if (key.equals("id")) {
                if (!value.matches("[A-Za-z0-9]{1,32}")) {
                    return Optional.of(new Record(null, "id must be 1 to 32 letters and digits"));
                }
                id = value;
            }
        }
        if (id == null) {
            return Optional.of(new Record(null, "the TXT record has no id"));
        }
        return Optional.of(new Record(id, null));
    }

    /** Parses policy text: "key: value" lines ending in LF or CRLF; version, mode and max_age required. */
    public static Policy policy(String text) {
        String version = null;
        Mode mode = null;
        Long maxAge = null;
        List<String> mx = new ArrayList<>();
        int n = 0;
        for (String raw : text.split("\n", -1)) {
            n++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return bad("line " + n + " is not \"key: value\"");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "version" -> {
                    if (version != null) {
                        return bad("line " + n + ": version given twice");
                    }
                    version = value;
                }
                case "mode" -> {
                    if (mode != null) {
                        return bad("line " + n + ": mode given twice");
                    }
                    mode = switch (value) {
                        case "enforce" -> Mode.ENFORCE;
                        case "testing" -> Mode.TESTING;
                        case "none" -> Mode.NONE;
                        default -> null;
                    };
                    if (mode == null) {
                        return bad("line " + n + ": mode must be enforce, testing or none");
                    }
                }
                case "max_age" -> {
                    if (maxAge != null) {
                        return bad("line " + n + ": max_age given twice");
                    }
                    if (!value.matches("[0-9]{1,10}") || Long.parseLong(value) > MAX_AGE_LIMIT) {
                        return bad("line " + n + ": max_age must be a number of seconds up to " + MAX_AGE_LIMIT);
                    }
                    maxAge = Long.parseLong(value);
                }
                case "mx" -> {
                    String p = value.toLowerCase(Locale.ROOT);
                    if (p.endsWith(".")) {
                        p = p.substring(0, p.length() - 1);
                    }
                    if (!p.matches("(\\*\\.)?[a-z0-9_-]+(\\.[a-z0-9_-]+)*")) {
                        return bad("line " + n + ": mx is not a host name or *.domain pattern");
                    }
                    mx.add(p);
                }
                default -> {
                    // unknown keys are ignored (RFC 8461 section 3.2)
                }
            }
        }
        if (!"STSv1".equals(version)) {
            return bad(version == null ? "no version line" : "version is not STSv1");
        }
        if (mode == null) {
            return bad("no mode line");
        }
        if (maxAge == null) {
            return bad("no max_age line");
        }
        if (mx.isEmpty() && mode != Mode.NONE) {
            return bad("no mx line, so no MX host can match");
        }
        return new Policy(mode, mx, maxAge, null);
    }

    private static Policy bad(String why) {
        return new Policy(null, List.of(), 0, why);
    }

    /**
     * RFC 8461 section 4.1: a pattern matches a host name exactly, or, as {@code *.suffix}, a name with exactly
     * one more label than the suffix. Case-insensitive; a trailing dot on the host is ignored.
     */
    public static boolean matches(String pattern, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            String suffix = p.substring(1);
            if (!h.endsWith(suffix)) {
                return false;
            }
            String label = h.substring(0, h.length() - suffix.length());
            return !label.isEmpty() && label.indexOf('.') < 0;
        }
        return h.equals(p);
    }

    /** Whether a certificate's DNS names cover {@code host} (a leftmost "*" stands for one label, RFC 6125). */
    public static boolean certificateCovers(List<String> dnsNames, String host) {
        return dnsNames.stream().anyMatch(n -> matches(n, host));
    }
}

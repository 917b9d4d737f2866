package org.maildrift.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --flag} options; repeated options keep every value in order. */
final class Args {

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private static final Set<String> FLAGS = Set.of("expand", "no-suppressions");

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    static Args parse(String[] argv, int from) {
        Args a = new Args();
        for (int i = from; i < argv.length; i++) {
            String s = argv[i];
            if (s.startsWith("--")) {
                String name = s.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (FLAGS.contains(name)) {
                    value = "true";
                } else {
                    if (i + 1 >= argv.length) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = argv[++i];
                }
                a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                a.positional.add(s);
            }
        }
        return a;
    }

    String one(String name) {
        List<String> v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v.size() > 1) {
            throw new UsageException("option --" + name + " given more than once");
        }
        return v.get(0);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    List<String> positional() {
        return positional;
    }

    /** {@code --NAME MS}: a positive number of milliseconds, or null when not given. */
    java.time.Duration millis(String name) {
        String v = one(name);
        if (v == null) {
            return null;
        }
        long ms;
        try {
            ms = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " is a whole number of milliseconds, not '" + printable(v) + "'");
        }
        if (ms < 1 || ms > 600_000) {
            throw new UsageException("--" + name + " must be from 1 to 600000 milliseconds");
        }
        return java.time.Duration.ofMillis(ms);
    }

    /** A value typed on the command line, for a message: printable and short. */
    static String printable(String s) {
        return org.maildrift.files.Printable.of(s, 80);
    }

    /**
     * A DNS name as a user types it (with or without the final dot), checked as a change set's names are;
     * returned as typed. A usage error naming the option when it is not one.
     */
    static String dnsName(String option, String text) {
        try {
            org.maildrift.precheck.ChangeSetLoader.dnsName(null, null, text);
        } catch (org.maildrift.precheck.ChangeSetException e) {
            throw new UsageException(option + ": '" + printable(text) + "' is not a DNS name");
        }
        return text;
    }

    /** Like {@link #allowOnly} but positional arguments are allowed. */
    static void allowOnlyOptions(Args args, Set<String> allowed) {
        for (String k : args.values.keySet()) {
            if (!allowed.contains(k)) {
                throw new UsageException("unknown option --" + k);
            }
        }
    }

    void allowOnly(Set<String> allowed) {
        for (String k : values.keySet()) {
            if (!allowed.contains(k)) {
                throw new UsageException("unknown option --" + k);
            }
        }
        if (!positional.isEmpty()) {
            throw new UsageException("unexpected argument " + positional.get(0));
        }
    }
}

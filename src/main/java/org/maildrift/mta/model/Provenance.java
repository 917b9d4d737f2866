package org.maildrift.mta.model;

import java.util.List;

/**
 * Where an accepted name comes from: the file and line that defines it, and the chain of
 * parameters or macros that led there (for example {@code mydestination → $myhostname → myhostname}).
 * A line of 0 means a built-in default or a fact supplied by the caller.
 */
public record Provenance(String file, int line, List<String> chain) {

    public Provenance {
        chain = List.copyOf(chain);
    }

    public static Provenance of(String file, int line, String... chain) {
        return new Provenance(file, line, List.of(chain));
    }

    /** {@code mydestination → $myhostname → myhostname (main.cf:3)}. */
    public String describe() {
        String where = line > 0 ? file + ":" + line : file;
        String path = String.join(" → ", chain);
        if (path.isEmpty()) {
            return where;
        }
        return where.isEmpty() ? path : path + " (" + where + ")";
    }
}

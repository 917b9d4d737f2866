package org.maildrift.mta.postfix;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.maildrift.mta.model.ConfigProblem;

/**
 * The name = value entries of one main.cf, last duplicate winning, with the problems found while
 * reading it. {@link #fatal()} is set when Postfix would refuse the file (postconf exits 1).
 */
public record MainCf(String file, Map<String, Entry> entries, List<ConfigProblem> problems, boolean fatal) {

    /** One logical line: the name, the value with surrounding blanks removed, and its first physical line. */
    public record Entry(String name, String value, int line) {
    }

    public MainCf {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        problems = List.copyOf(problems);
    }

    public Optional<Entry> entry(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public Optional<String> value(String name) {
        Entry e = entries.get(name);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }
}

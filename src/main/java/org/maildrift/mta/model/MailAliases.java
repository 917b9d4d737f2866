package org.maildrift.mta.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A host's local aliases as its MTA reads them (aliases(5): Postfix alias_maps, sendmail AliasFile): each
 * name's targets with file and line, the text of the :include: files they name, and the local users
 * (/etc/passwd under files-root; null when that is not available). {@code read} is false when the alias files
 * were not read (no files-root, or the copy does not hold them); {@code unreadable} names the :include: files
 * that could not be read, and why.
 */
public record MailAliases(boolean read, List<String> files, Map<String, Entry> entries, Map<String, List<String>> includes,
        Set<String> users, Map<String, String> unreadable) {

    /** {@code name: target, target} at {@code file:line}. Names are lower case. */
    public record Entry(String name, List<String> targets, String file, int line) {
        public Entry {
            targets = List.copyOf(targets);
        }
    }

    public static final MailAliases NOT_READ = new MailAliases(false, List.of(), Map.of(), Map.of(), null, Map.of());

    public MailAliases {
        files = List.copyOf(files);
        entries = Map.copyOf(entries);
        includes = Map.copyOf(includes);
        users = users == null ? null : Set.copyOf(users);
        unreadable = Map.copyOf(unreadable);
    }
}

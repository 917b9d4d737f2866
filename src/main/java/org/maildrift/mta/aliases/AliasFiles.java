package org.maildrift.mta.aliases;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.MailAliases;
import org.maildrift.mta.model.SendingSettings;

/**
 * Reads aliases(5) files: {@code name: target, target}, a line starting with white space continues the
 * previous one, {@code #} starts a comment line, a target may be quoted ("|command", "/path with space").
 * The first definition of a name wins, as postalias keeps it (with a warning) and sendmail too. Names are
 * case-insensitive.
 */
public final class AliasFiles {

    /** At most this many :include: files are read per host (they may include each other). */
    private static final int MAX_INCLUDES = 64;

    private AliasFiles() {
    }

    /** The host's aliases from {@code files} under {@code root}; NOT_READ when none of them is there. */
    public static MailAliases read(List<SendingSettings.Setting> files, FilesRoot root) {
        if (root.root().isEmpty() || files.isEmpty()) {
            return MailAliases.NOT_READ;
        }
        Map<String, MailAliases.Entry> entries = new LinkedHashMap<>();
        List<String> read = new ArrayList<>();
        for (SendingSettings.Setting f : files) {
            FilesRoot.Read r = root.read(f.value());
            if (r.ok()) {
                read.add(f.value());
                parse(r.text(), f.value()).forEach(entries::putIfAbsent);
            }
        }
        if (read.isEmpty()) {
            return MailAliases.NOT_READ;
        }
        Map<String, List<String>> includes = new LinkedHashMap<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>();
        entries.values().forEach(e -> e.targets().forEach(t -> addInclude(t, pending)));
        while (!pending.isEmpty() && includes.size() + unreadable.size() < MAX_INCLUDES) {
            String path = pending.remove(0);
            if (includes.containsKey(path) || unreadable.containsKey(path)) {
                continue;
            }
            FilesRoot.Read r = root.read(path);
            if (!r.ok()) {
                unreadable.put(path, r.failure());
                continue;
            }
            List<String> targets = new ArrayList<>();
            for (String line : r.text().split("\n", -1)) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    targets.addAll(targets(l));
                }
            }
            includes.put(path, targets);
            targets.forEach(t -> addInclude(t, pending));
        }
        Set<String> users = null;
        FilesRoot.Read passwd = root.read("/etc/passwd");
        if (passwd.ok()) {
            users = new HashSet<>();
            for (String line : passwd.text().split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("#")) {
                    users.add(line.substring(0, colon).toLowerCase(Locale.ROOT));
                }
            }
        }
        return new MailAliases(true, read, entries, includes, users, unreadable);
    }

    private static void addInclude(String target, List<String> pending) {
        if (target.regionMatches(true, 0, ":include:", 0, 9)) {
            pending.add(target.substring(9).strip());
        }
    }

    /** The entries of one aliases(5) text, in file order (first definition of a name kept). */
    public static Map<String, MailAliases.Entry> parse(String text, String file) {
        Map<String, MailAliases.Entry> out = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        StringBuilder logical = null;
        int start = 0;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i].replace("\r", "") : null;
            boolean continuation = line != null && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')
                    && logical != null;
            if (continuation) {
                logical.append(' ').append(line.strip());
                continue;
            }
            if (logical != null) {
                entry(logical.toString(), file, start).ifPresent(e -> out.putIfAbsent(e.name(), e));
                logical = null;
            }
            if (line == null || line.isBlank() || line.stripLeading().startsWith("#")
                    || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue;
            }
            logical = new StringBuilder(line);
            start = i + 1;
        }
        return out;
    }

    private static java.util.Optional<MailAliases.Entry> entry(String logical, String file, int line) {
        String l = logical.strip();
        int colon;
        if (l.startsWith("\"")) {
            int end = l.indexOf('"', 1);
            colon = end > 0 ? l.indexOf(':', end) : -1;
        } else {
            colon = l.indexOf(':');
        }
        if (colon <= 0) {
            return java.util.Optional.empty();
        }
        String name = l.substring(0, colon).strip();
        if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new MailAliases.Entry(name.toLowerCase(Locale.ROOT), targets(l.substring(colon + 1)),
                file, line));
    }

    /** The comma-separated targets of a value; quotes keep commas and spaces. */
    static List<String> targets(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                add(out, cur);
            } else {
                cur.append(c);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String t = cur.toString().strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
        cur.setLength(0);
    }
}

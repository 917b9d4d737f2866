package org.maildrift.dkim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.maildrift.mta.FilesRoot;

/**
 * OpenDKIM's signing configuration (opendkim.conf(5)), read under a host's files-root: {@code KeyTable}
 * ({@code domain:selector:keyfile} per key name) with the {@code SigningTable} that says which keys are used,
 * or the single-key {@code Domain}, {@code Selector} and {@code KeyFile}. Datasets as plain files,
 * {@code file:} or {@code refile:}; other dataset types (databases, LDAP, Lua) are reported as not read.
 * {@code Mode} without {@code s} signs nothing.
 */
public final class OpenDkimConfig {

    private OpenDkimConfig() {
    }

    private record Setting(String value, int line) {
    }

    public static DkimSigning read(String path, FilesRoot files) {
        FilesRoot.Read conf = files.read(path);
        if (!conf.ok()) {
            return new DkimSigning("OpenDKIM", List.of(), List.of(conf.failure()));
        }
        Map<String, Setting> settings = new LinkedHashMap<>();
        String[] lines = conf.text().split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] kv = l.split("\\s+", 2);
            settings.put(kv[0].toLowerCase(Locale.ROOT), new Setting(kv.length > 1 ? kv[1].strip() : "", i + 1));
        }
        List<String> unresolved = new ArrayList<>();
        List<ConfiguredKey> keys = new ArrayList<>();
        Setting mode = settings.get("mode");
        if (mode != null && !mode.value().contains("s")) {
            return new DkimSigning("OpenDKIM", List.of(), List.of());
        }
        Setting keyTable = settings.get("keytable");
        if (keyTable != null) {
            Set<String> used = null;
            Setting signingTable = settings.get("signingtable");
            if (signingTable != null) {
                List<String[]> rows = dataset(signingTable.value(), files, "SigningTable", unresolved);
                if (rows != null) {
                    used = new LinkedHashSet<>();
                    for (String[] r : rows) {
                        if (r.length - 1 >= 2) {
                            used.add(r[1]);
                        }
                    }
                }
            }
            List<String[]> rows = dataset(keyTable.value(), files, "KeyTable", unresolved);
            String table = datasetFile(keyTable.value());
            if (rows != null) {
                for (String[] r : rows) {
                    if (used != null && !used.contains(r[0])) {
                        continue;
                    }
                    String[] dsk = r.length - 1 >= 2 ? r[1].split(":", 3) : new String[0];
                    int line = Integer.parseInt(r[r.length - 1]);
                    if (dsk.length != 3) {
                        unresolved.add("KeyTable " + table + " line " + line + ": not domain:selector:keyfile");
                        continue;
                    }
                    if (dsk[0].equals("%")) {
                        unresolved.add("KeyTable " + table + " line " + line
                                + ": the signing domain % comes from each message");
                        continue;
                    }
                    keys.add(DkimKeys.configured(dsk[0], dsk[1], dsk[2], "KeyTable", table, line, files));
                }
            }
        } else if (settings.containsKey("keyfile")) {
            Setting keyFile = settings.get("keyfile");
            Setting selector = settings.get("selector");
            Setting domain = settings.get("domain");
            if (selector == null || domain == null) {
                unresolved.add(path + ": KeyFile without Domain and Selector signs nothing OpenDKIM can name");
            } else {
                List<String> domains = new ArrayList<>();
                if (domain.value().startsWith("/") || domain.value().startsWith("file:")
                        || domain.value().startsWith("refile:")) {
                    List<String[]> rows = dataset(domain.value(), files, "Domain", unresolved);
                    if (rows != null) {
                        rows.forEach(r -> domains.add(r[0]));
                    }
                } else {
                    for (String d : domain.value().split(",")) {
                        if (!d.isBlank()) {
                            domains.add(d.strip());
                        }
                    }
                }
                for (String d : domains) {
                    keys.add(DkimKeys.configured(d, selector.value(), keyFile.value(), "KeyFile", path, keyFile.line(), files));
                }
            }
        }
        return new DkimSigning("OpenDKIM", keys, unresolved);
    }

    private static String datasetFile(String value) {
        if (value.startsWith("refile:")) {
            return value.substring(7);
        }
        if (value.startsWith("file:")) {
            return value.substring(5);
        }
        return value;
    }

    /** The rows of a file dataset (each: its words, then its line number); null when it cannot be read. */
    private static List<String[]> dataset(String value, FilesRoot files, String what, List<String> unresolved) {
        String file = datasetFile(value);
        if (!file.startsWith("/")) {
            unresolved.add(what + " " + org.maildrift.files.Printable.of(value, 100)
                    + ": only file datasets (a path, file: or refile:) are read");
            return null;
        }
        FilesRoot.Read r = files.read(file);
        if (!r.ok()) {
            unresolved.add(what + ": " + r.failure());
            return null;
        }
        List<String[]> rows = new ArrayList<>();
        String[] lines = r.text().split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] words = l.split("\\s+");
            String[] row = java.util.Arrays.copyOf(words, words.length + 1);
            row[words.length] = String.valueOf(i + 1);
            rows.add(row);
        }
        return rows;
    }
}

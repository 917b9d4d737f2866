package org.maildrift.mta.postfix;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.Provenance;
import org.maildrift.mta.postfix.tables.PatternTables;
import org.maildrift.mta.postfix.tables.TableAccess;
import org.maildrift.mta.postfix.tables.TableDefinition;

/**
 * Opens the lookup tables maildrift can read without the mail host: {@code texthash:} and
 * {@code inline:} as written, the text source of {@code hash:}, {@code btree:}, {@code lmdb:},
 * {@code cdb:} and {@code dbm:} (keys lower-cased as postmap does), {@code static:}, and
 * {@code proxy:} around any of them. Everything else (LDAP, SQL, regexp, pcre, cidr, …) is returned
 * unresolved.
 */
final class PostfixTables {

    private static final Set<String> INDEXED = Set.of("hash", "btree", "lmdb", "cdb", "dbm", "sdbm");

    /** Thrown for syntax Postfix itself rejects (a spaced inline: entry). */
    static final class TableSyntaxException extends RuntimeException {
        TableSyntaxException(String message) {
            super(message);
        }
    }

    private static final Set<String> DATABASES = Set.of("mysql", "pgsql", "sqlite", "ldap", "memcache");
    private static final Set<String> PATTERNS = Set.of("regexp", "pcre", "cidr");

    private final FilesRoot files;
    private final TableAccess databases;

    PostfixTables(FilesRoot files, TableAccess databases) {
        this.files = files;
        this.databases = databases;
    }

    ListElement.Table open(String reference, boolean negated, Provenance source) {
        String ref = reference;
        while (ref.startsWith("proxy:")) {
            ref = ref.substring("proxy:".length());
        }
        int colon = ref.indexOf(':');
        String type = colon < 0 ? ref : ref.substring(0, colon);
        String name = colon < 0 ? "" : ref.substring(colon + 1);
        switch (type) {
            case "static":
                return new ListElement.Table(reference, null, null, true, true, null, negated, source);
            case "inline":
                return new ListElement.Table(reference, inlineKeys(reference, name), null, true, false, null, negated,
                        source);
            case "texthash":
                return fromFile(reference, name, false, negated, source);
            default:
                if (INDEXED.contains(type)) {
                    return fromFile(reference, name, true, negated, source);
                }
                if (DATABASES.contains(type)) {
                    TableAccess.Opened o = databases.open(type, name, files);
                    return o.lookup() != null ? ListElement.Table.lookedUp(reference, o.lookup(), negated, source)
                            : new ListElement.Table(reference, null, null, true, false, o.failure(), negated, source);
                }
                if (PATTERNS.contains(type)) {
                    return patterns(reference, type, name, negated, source);
                }
                return new ListElement.Table(reference, null, null, false, false,
                        type + ": tables are not read by maildrift", negated, source);
        }
    }

    private ListElement.Table patterns(String reference, String type, String path, boolean negated, Provenance source) {
        FilesRoot.Read read = files.read(path);
        if (!read.ok()) {
            // the file is on the mail host only: its agent may answer for it
            TableAccess.Opened o = databases.open(type, path, files);
            if (o.lookup() != null) {
                return ListElement.Table.lookedUp(reference, o.lookup(), negated, source);
            }
            return new ListElement.Table(reference, null, path, false, false, read.failure(), negated, source);
        }
        try {
            return ListElement.Table.lookedUp(reference, PatternTables.parse(type, path, read.text()), negated, source);
        } catch (TableDefinition.DefinitionException e) {
            return new ListElement.Table(reference, null, path, false, false, e.getMessage(), negated, source);
        }
    }

    private ListElement.Table fromFile(String reference, String path, boolean fold, boolean negated, Provenance source) {
        FilesRoot.Read read = files.read(path);
        if (!read.ok()) {
            return new ListElement.Table(reference, null, path, true, false, read.failure(), negated, source);
        }
        return new ListElement.Table(reference, postmapKeys(read.text(), fold), path, true, false, null, negated,
                source);
    }

    /** Keys of a postmap source file: first word of each logical line; '#' lines and blank lines skipped. */
    static Map<String, Integer> postmapKeys(String text, boolean fold) {
        Map<String, Integer> keys = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty() || MainCfParser.isSpace(line.charAt(0))) {
                continue;
            }
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < t.length() && !MainCfParser.isSpace(t.charAt(end))) {
                end++;
            }
            String key = t.substring(0, end);
            keys.putIfAbsent(fold ? key.toLowerCase(Locale.ROOT) : key, lineNo);
        }
        return keys;
    }

    /** inline:{ key=value, { key = value } }: braced entries may have spaces, bare ones may not. */
    static Map<String, Integer> inlineKeys(String reference, String body) {
        String b = body.strip();
        if (!b.startsWith("{") || !b.endsWith("}")) {
            throw new TableSyntaxException("need \"inline:{name=value...}\": \"" + reference + "\"");
        }
        Map<String, Integer> keys = new LinkedHashMap<>();
        for (String item : PostfixList.tokens(b.substring(1, b.length() - 1))) {
            String entry = item;
            if (entry.startsWith("{")) {
                if (!entry.endsWith("}")) {
                    throw new TableSyntaxException("unbalanced {} in \"" + reference + "\"");
                }
                entry = entry.substring(1, entry.length() - 1).strip();
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new TableSyntaxException("missing '=' after attribute name: \"" + reference
                        + "\"; need \"inline:{name=value...}\"");
            }
            String key = entry.substring(0, eq).strip();
            for (int i = 0; i < key.length(); i++) {
                if (MainCfParser.isSpace(key.charAt(i))) {
                    throw new TableSyntaxException("missing '=' after attribute name: \"" + reference + "\"");
                }
            }
            keys.putIfAbsent(key, 0);
        }
        return keys;
    }
}

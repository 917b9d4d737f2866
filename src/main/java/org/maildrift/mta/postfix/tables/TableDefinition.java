package org.maildrift.mta.postfix.tables;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;


/**
 * A Postfix database client configuration file: mysql_table(5), pgsql_table(5), sqlite_table(5),
 * ldap_table(5). The
 * syntax is main.cf's ({@code name = value}, continuation lines, {@code #} comments); values are not
 * $-expanded. The password is kept for connecting and never shown: {@link #toString()} leaves it out.
 */
public final class TableDefinition {

    private final String type;
    private final String file;
    private final Map<String, Entry> settings;

    /** One setting and the line it starts on. */
    private record Entry(String value, int line) {
    }

    private TableDefinition(String type, String file, Map<String, Entry> settings) {
        this.type = type;
        this.file = file;
        this.settings = settings;
    }

    /** Thrown for a definition Postfix would refuse or maildrift will not run; the message names file:line. */
    public static final class DefinitionException extends Exception {
        DefinitionException(String message) {
            super(message);
        }
    }

    /**
     * The file's settings, as dict_load_fp() reads them: {@code name = value}, a line starting with white
     * space continues the one before, {@code #} lines and blank lines are skipped, the last assignment of
     * a name wins; a line without '=' is refused.
     */
    public static TableDefinition parse(String type, String file, String text) throws DefinitionException {
        Map<String, Entry> settings = new TreeMap<>();
        String name = null;
        StringBuilder value = null;
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : null;
            boolean continuation = line != null && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')
                    && !line.isBlank();
            if (continuation && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                settings.put(name, new Entry(value.toString().strip(), start));
                name = null;
            }
            if (line == null || line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || line.substring(0, eq).isBlank() || continuation) {
                throw new DefinitionException(file + ":" + (i + 1) + ": missing '=' after attribute name");
            }
            name = line.substring(0, eq).strip();
            value = new StringBuilder(line.substring(eq + 1));
            start = i + 1;
        }
        TableDefinition d = new TableDefinition(type, file, settings);
        if (!type.equals("ldap")) {
            d.query();
        }
        d.expansionLimit();
        return d;
    }

    public String type() {
        return type;
    }

    public String file() {
        return file;
    }

    public Optional<String> get(String name) {
        Entry e = settings.get(name);
        return e == null ? Optional.empty() : Optional.of(e.value().strip());
    }

    private String where(String name) {
        Entry e = settings.get(name);
        return e == null ? file : file + ":" + e.line();
    }

    /**
     * The query template: {@code query}, or (the older form) built from {@code select_function} (pgsql)
     * or {@code table}, {@code select_field}, {@code where_field} and {@code additional_conditions}.
     * maildrift runs only queries that read: a template that does not start with SELECT, WITH or '(' is
     * refused.
     */
    public String query() throws DefinitionException {
        String q = get("query").orElse(null);
        if (q == null && type.equals("pgsql") && get("select_function").isPresent()) {
            q = "SELECT " + get("select_function").get() + "('%s')";
        }
        if (q == null) {
            String table = get("table").orElse(null);
            String select = get("select_field").orElse(null);
            String where = get("where_field").orElse(null);
            if (table == null || select == null || where == null) {
                throw new DefinitionException(file + ": no query (give query, or table, select_field and where_field)");
            }
            q = "SELECT " + select + " FROM " + table + " WHERE " + where + " = '%s' "
                    + get("additional_conditions").orElse("");
        }
        String head = q.stripLeading().toLowerCase(Locale.ROOT);
        if (!head.startsWith("select") && !head.startsWith("with") && !head.startsWith("(")) {
            throw new DefinitionException(where("query") + ": query does not start with SELECT; maildrift runs only "
                    + "queries that read");
        }
        QueryExpansion.check(q, false, where("query"));
        if (get("result_format").isPresent()) {
            QueryExpansion.check(get("result_format").get(), true, where("result_format"));
        }
        return q;
    }

    /** {@code result_format}, {@code %s} by default. */
    public String resultFormat() {
        return get("result_format").orElse("%s");
    }

    /** {@code expansion_limit}: 0 (none) by default. */
    public int expansionLimit() throws DefinitionException {
        String v = get("expansion_limit").orElse("0");
        if (!v.matches("[0-9]{1,9}")) {
            throw new DefinitionException(where("expansion_limit") + ": expansion_limit must be a number");
        }
        return Integer.parseInt(v);
    }

    /** The {@code domain} filter's entries (empty when there is none). */
    public List<String> domains() {
        String v = get("domain").orElse("");
        return List.of(v.split("[, \t\r\n]+")).stream().filter(x -> !x.isEmpty()).toList();
    }

    /** {@code hosts}: blank- or comma-separated, as written (inet:host:port, host:port, unix:/path, host). */
    public List<String> hosts() {
        String v = get("hosts").orElse("localhost");
        return List.of(v.split("[, \t\r\n]+")).stream().filter(x -> !x.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return type + ":" + file;
    }
}

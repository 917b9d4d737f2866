package org.maildrift.precheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One proposed change. DNS names are as people write them (relative, any case); {@code where} is the
 * file and line the change was read from (empty for changes maildrift suggests).
 */
public sealed interface Change {

    String where();

    /** The change as a change-set entry: the key and its fields, in the documented order. */
    Map<String, Object> entry();

    /** The entry as one line of YAML flow style ({@code rename-host: {from: a, to: b}}). */
    default String yaml() {
        Map<String, Object> e = entry();
        String key = e.keySet().iterator().next();
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) e.get(key);
        List<String> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add(k + ": " + flow(v)));
        return key + ": {" + String.join(", ", parts) + "}";
    }

    private static String flow(Object v) {
        if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            l.forEach(i -> items.add(quoted(String.valueOf(i))));
            return "[" + String.join(", ", items) + "]";
        }
        return quoted(String.valueOf(v));
    }

    private static String quoted(String s) {
        return s.matches("[A-Za-z0-9_.@:/$-][A-Za-z0-9_.@:/$ -]*") && !s.endsWith(" ") ? s
                : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static Map<String, Object> entryOf(String key, Object... fields) {
        Map<String, Object> f = new java.util.LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            f.put((String) fields[i], fields[i + 1]);
        }
        return Map.of(key, f);
    }

    /** The host's address records move to the new name; CNAMEs, MX exchanges and PTRs that named the old name follow. */
    record RenameHost(String from, String to, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("rename-host", "from", from, "to", to);
        }
    }

    record SetCname(String name, String target, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("set-cname", "name", name, "target", target);
        }
    }

    record SetAddresses(String name, List<String> addresses, String where) implements Change {
        public SetAddresses {
            addresses = List.copyOf(addresses);
        }

        public Map<String, Object> entry() {
            return Change.entryOf("set-addresses", "name", name, "addresses", addresses);
        }
    }

    record RemoveName(String name, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("remove-name", "name", name);
        }
    }

    /** {@code exchanges} as "preference exchange" ("10 mx1.example.com"); empty removes the MX records. */
    record SetMx(String domain, List<String> exchanges, String where) implements Change {
        public SetMx {
            exchanges = List.copyOf(exchanges);
        }

        public Map<String, Object> entry() {
            return Change.entryOf("set-mx", "domain", domain, "exchanges", exchanges);
        }
    }

    record AcceptName(String host, String name, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("accept-name", "host", host, "name", name);
        }
    }

    record DropName(String host, String name, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("drop-name", "host", host, "name", name);
        }
    }

    /** A Postfix main.cf parameter. */
    record SetParameter(String host, String name, String value, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("set-parameter", "host", host, "name", name, "value", value);
        }
    }

    /** The host's name: the inventory's hostname and the MTA's own name (myhostname, sendmail's $j). */
    record SetHostname(String host, String hostname, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("set-hostname", "host", host, "hostname", hostname);
        }
    }

    /** A whole proposed zone file: it replaces what DNS says for every name under its apex. */
    record ProposedZone(String label, Path file, String text, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("proposed-zone", file != null ? "file" : "text", file != null ? file.toString() : "…");
        }
    }

    /** A whole proposed configuration (main.cf, sendmail.cf, captured output) for one host. */
    record ProposedConfig(String host, Path file, String text, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("proposed-config", "host", host, file != null ? "file" : "text",
                    file != null ? file.toString() : "…");
        }
    }
}

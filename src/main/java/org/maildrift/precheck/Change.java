package org.maildrift.precheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.RecordType;
import org.maildrift.inventory.Inventory;
import org.maildrift.mail.InterfaceAddress;
import org.maildrift.mta.model.MtaDialect;

/**
 * One proposed change, which knows what it does: a DNS change edits the proposed DNS, a configuration
 * change edits its host's configuration text through the MTA's {@link MtaDialect}, and each says in words
 * what it changes. DNS names are as people write them (relative, any case); {@code where} is the file
 * and line the change was read from (empty for changes maildrift suggests).
 */
public sealed interface Change {

    String where();

    /** The host whose configuration the change edits; null for DNS changes. */
    default String host() {
        return null;
    }

    /** Edits the proposed DNS (DNS changes). */
    default void editDns(ProposedDns dns) throws ChangeSetException {
    }

    /** The names the change adds or edits in DNS, which may join the watched names of a watched zone. */
    default List<String> touches(ProposedDns dns) {
        return List.of();
    }

    /** The configuration text after the change (configuration changes), in the MTA's own terms. */
    default String editConfig(MtaDialect dialect, String text) throws ChangeSetException {
        return text;
    }

    /** The inventory's entry for the host after the change. */
    default Inventory.Host editHost(Inventory.Host host) {
        return host;
    }

    /** What the change does in words; {@code text} and {@code file} are its host's configuration (or null). */
    default String words(MtaDialect dialect, String text, String file) {
        return yaml();
    }

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

        @Override
        public void editDns(ProposedDns dns) throws ChangeSetException {
            if (!dns.exists(from)) {
                throw new ChangeSetException(where, "rename-host.from", from + " does not exist in DNS; nothing to rename");
            }
            Set<String> aliases = dns.pointingAt(from, RecordType.CNAME);
            Set<String> mx = dns.pointingAt(from, RecordType.MX);
            Set<String> ptr = dns.pointingAt(from, RecordType.PTR);
            Map<RecordType, SortedSet<String>> moved = new LinkedHashMap<>();
            for (RecordType t : List.of(RecordType.A, RecordType.AAAA, RecordType.MX)) {
                moved.put(t, dns.current(from, t));
            }
            dns.remove(from);
            moved.forEach((t, records) -> dns.setRecords(to, t, records));
            for (String a : aliases) {
                dns.setCname(a, to);
            }
            String old = DnsNames.canonical(from);
            String renamed = DnsNames.canonical(to);
            for (String d : mx) {
                SortedSet<String> records = new TreeSet<>();
                for (String rec : dns.current(d, RecordType.MX)) {
                    int sp = rec.indexOf(' ');
                    String exchange = DnsNames.canonical(rec.substring(sp + 1));
                    records.add(rec.substring(0, sp + 1) + (exchange.equals(old) ? renamed : exchange));
                }
                dns.setRecords(d, RecordType.MX, records);
            }
            for (String p : ptr) {
                SortedSet<String> records = new TreeSet<>();
                for (String rec : dns.current(p, RecordType.PTR)) {
                    records.add(DnsNames.canonical(rec).equals(old) ? renamed : rec);
                }
                dns.setRecords(p, RecordType.PTR, records);
            }
        }

        @Override
        public List<String> touches(ProposedDns dns) {
            List<String> out = new ArrayList<>();
            out.add(to);
            dns.pointingAt(to, RecordType.CNAME).stream().map(DnsNames::relative).forEach(out::add);
            return out;
        }
    }

    record SetCname(String name, String target, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("set-cname", "name", name, "target", target);
        }

        @Override
        public void editDns(ProposedDns dns) {
            dns.setCname(name, target);
        }

        @Override
        public List<String> touches(ProposedDns dns) {
            return List.of(name);
        }

        @Override
        public String words(MtaDialect dialect, String text, String file) {
            return "point the CNAME of " + name + " at " + target;
        }
    }

    record SetAddresses(String name, List<String> addresses, String where) implements Change {
        public SetAddresses {
            addresses = List.copyOf(addresses);
        }

        public Map<String, Object> entry() {
            return Change.entryOf("set-addresses", "name", name, "addresses", addresses);
        }

        @Override
        public void editDns(ProposedDns dns) {
            SortedSet<String> v4 = new TreeSet<>();
            SortedSet<String> v6 = new TreeSet<>();
            for (String a : addresses) {
                (a.contains(":") ? v6 : v4).add(a);
            }
            dns.setRecords(name, RecordType.A, v4);
            dns.setRecords(name, RecordType.AAAA, v6);
        }

        @Override
        public List<String> touches(ProposedDns dns) {
            return List.of(name);
        }
    }

    /**
     * A host moves to other addresses: its inventory addresses become these, and so does every A or AAAA record
     * that held one of its old addresses of the same family (its own name always). SPF, PTR records and the
     * bind addresses in its configuration stay as they are: what the precheck is there to show.
     */
    record ReaddressHost(String host, List<String> addresses, String where) implements Change {
        public ReaddressHost {
            addresses = List.copyOf(addresses);
        }

        public Map<String, Object> entry() {
            return Change.entryOf("readdress-host", "host", host, "addresses", addresses);
        }

        @Override
        public Inventory.Host editHost(Inventory.Host o) {
            List<InterfaceAddress> moved = new ArrayList<>();
            for (String a : addresses) {
                // an old address of the same family lends its subnet prefix (mynetworks_style = subnet)
                boolean v6 = a.contains(":");
                int prefix = o.interfaces().stream().filter(i -> i.ipv6() == v6).mapToInt(InterfaceAddress::prefixLength)
                        .findFirst().orElse(-1);
                moved.add(new InterfaceAddress(a, prefix));
            }
            return o.withInterfaces(moved);
        }

        @Override
        public void editDns(ProposedDns dns) throws ChangeSetException {
            Inventory.Host h = dns.inventoryHost(host);
            if (h == null) {
                throw new ChangeSetException(where, "readdress-host.host", host + " is not a host of the inventory");
            }
            for (RecordType t : List.of(RecordType.A, RecordType.AAAA)) {
                boolean v6 = t == RecordType.AAAA;
                SortedSet<String> fresh = new TreeSet<>();
                addresses.stream().filter(a -> a.contains(":") == v6).forEach(fresh::add);
                List<String> old = h.addresses().stream().filter(a -> a.contains(":") == v6).toList();
                Set<String> names = new java.util.LinkedHashSet<>();
                for (String a : old) {
                    names.addAll(dns.holding(a, t));
                }
                if (dns.cnameOf(h.hostname()) == null) {
                    // the host's own name gets its new addresses even where maildrift saw none of its records
                    names.add(DnsNames.canonical(h.hostname()));
                }
                for (String n : names) {
                    SortedSet<String> records = new TreeSet<>();
                    for (String r : dns.current(n, t)) {
                        if (old.stream().noneMatch(a -> org.maildrift.mail.IpAddresses.same(a, r))) {
                            records.add(r);
                        }
                    }
                    records.addAll(fresh);
                    dns.setRecords(n, t, records);
                }
            }
        }

        @Override
        public List<String> touches(ProposedDns dns) {
            Inventory.Host h = dns.inventoryHost(host);
            return h == null ? List.of() : List.of(h.hostname());
        }

        @Override
        public String words(MtaDialect dialect, String text, String file) {
            return host + " moves to " + String.join(", ", addresses) + ": its addresses in the inventory, and every"
                    + " A and AAAA record that holds one of its old addresses; SPF and PTR records and the bind"
                    + " addresses of its configuration are not changed";
        }
    }

    record RemoveName(String name, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("remove-name", "name", name);
        }

        @Override
        public void editDns(ProposedDns dns) {
            dns.remove(name);
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

        @Override
        public void editDns(ProposedDns dns) throws ChangeSetException {
            if (dns.cnameOf(domain) != null) {
                throw new ChangeSetException(where, "set-mx.domain", domain + " is an alias (CNAME); an MX record"
                        + " cannot sit beside a CNAME (RFC 1034 §3.6.2)");
            }
            SortedSet<String> records = new TreeSet<>();
            for (String x : exchanges) {
                int sp = x.indexOf(' ');
                records.add(x.substring(0, sp + 1) + DnsNames.canonical(x.substring(sp + 1)));
            }
            dns.setRecords(domain, RecordType.MX, records);
        }

        @Override
        public List<String> touches(ProposedDns dns) {
            return List.of(domain);
        }

        @Override
        public String words(MtaDialect dialect, String text, String file) {
            return "set the MX records of " + domain + " to " + String.join(", ", exchanges);
        }
    }

    /**
     * {@code records} replace every TXT record at {@code name} (each the record's text, its character-strings
     * joined: an SPF record, a verification token); empty removes them. Other TXT records at the name must be
     * listed too, as a zone edit would keep them.
     */
    record SetTxt(String name, List<String> records, String where) implements Change {
        public SetTxt {
            records = List.copyOf(records);
        }

        public Map<String, Object> entry() {
            return Change.entryOf("set-txt", "name", name, "records", records);
        }

        @Override
        public void editDns(ProposedDns dns) throws ChangeSetException {
            if (dns.cnameOf(name) != null) {
                throw new ChangeSetException(where, "set-txt.name", name + " is an alias (CNAME); a TXT record"
                        + " cannot sit beside a CNAME (RFC 1034 §3.6.2)");
            }
            SortedSet<String> canonical = new TreeSet<>();
            for (String r : records) {
                canonical.add(org.maildrift.dns.model.DnsText.txt(r.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
            }
            dns.setRecords(name, RecordType.TXT, canonical);
        }

        @Override
        public List<String> touches(ProposedDns dns) {
            return List.of(name);
        }

        @Override
        public String words(MtaDialect dialect, String text, String file) {
            return records.isEmpty() ? "remove the TXT records of " + name
                    : "set the TXT records of " + name + " to " + String.join(" and ", records.stream()
                            .map(r -> "\"" + r + "\"").toList());
        }
    }

    record AcceptName(String host, String name, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("accept-name", "host", host, "name", name);
        }

        @Override
        public String editConfig(MtaDialect dialect, String text) {
            return dialect.accept(text, name);
        }

        @Override
        public String words(MtaDialect dialect, String text, String file) {
            return dialect.acceptWords(text, file, host, name);
        }
    }

    record DropName(String host, String name, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("drop-name", "host", host, "name", name);
        }

        @Override
        public String editConfig(MtaDialect dialect, String text) throws ChangeSetException {
            String edited = dialect.drop(text, name);
            if (edited == null) {
                throw new ChangeSetException(where, "drop-name.name", name + " is not listed literally in "
                        + host + "'s configuration (it may come from $myhostname, a file, a table or a default);"
                        + " edit that instead" + dialect.otherwise());
            }
            return edited;
        }

        @Override
        public String words(MtaDialect dialect, String text, String file) {
            return dialect.dropWords(text, file, host, name);
        }
    }

    /** A Postfix main.cf parameter. */
    record SetParameter(String host, String name, String value, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("set-parameter", "host", host, "name", name, "value", value);
        }

        @Override
        public String editConfig(MtaDialect dialect, String text) throws ChangeSetException {
            String edited = dialect.setParameter(text, name, value);
            if (edited == null) {
                throw new ChangeSetException(where, "set-parameter.host", host + " runs sendmail; set-parameter"
                        + " edits a Postfix main.cf (use proposed-config for a sendmail.cf)");
            }
            return edited;
        }

        @Override
        public String words(MtaDialect dialect, String text, String file) {
            return dialect.parameterWords(text, file, name, value);
        }
    }

    /** The host's name: the inventory's hostname and the MTA's own name (myhostname, sendmail's $j). */
    record SetHostname(String host, String hostname, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("set-hostname", "host", host, "hostname", hostname);
        }

        @Override
        public String editConfig(MtaDialect dialect, String text) {
            return dialect.setOwnName(text, hostname);
        }

        @Override
        public Inventory.Host editHost(Inventory.Host o) {
            return o.withHostname(hostname);
        }

        @Override
        public String words(MtaDialect dialect, String text, String file) {
            return dialect.ownNameWords(text, file, hostname) + ", and hostname: " + hostname + " for " + host
                    + " in the inventory";
        }
    }

    /** A whole proposed zone file: it replaces what DNS says for every name under its apex. */
    record ProposedZone(String label, Path file, String text, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("proposed-zone", file != null ? "file" : "text", file != null ? file.toString() : "…");
        }
    }

    /**
     * A renewed certificate for one host's SMTP server: the chain (a PEM file, leaf first; a private key in it
     * is skipped unread) replaces the configured chain with the same key type, or the only one. The
     * configuration itself is unchanged: the same file gets new content.
     */
    record RenewCertificate(String host, Path chain, String text, String where) implements Change {
        public Map<String, Object> entry() {
            return Change.entryOf("renew-certificate", "host", host, chain != null ? "chain" : "text",
                    chain != null ? chain.toString() : "…");
        }

        @Override
        public String words(MtaDialect dialect, String text, String file) {
            return "renew the certificate of " + host + " with " + (chain != null ? chain.toString() : "the given chain");
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

package org.maildrift.mta.exim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.maildrift.files.Printable;
import org.maildrift.files.TextFile;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.exim.EximConfig.Condition;
import org.maildrift.mta.exim.EximConfig.Driver;
import org.maildrift.mta.exim.EximConfig.NamedList;
import org.maildrift.mta.exim.EximConfig.Statement;
import org.maildrift.mta.exim.EximConfig.Where;
import org.maildrift.mta.exim.EximDomainLists.Outcome;
import org.maildrift.mta.exim.EximDomainLists.Status;
import org.maildrift.mta.model.Acceptance;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.ConfigProblem;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.IneffectivePattern;
import org.maildrift.mta.model.Provenance;
import org.maildrift.mta.model.UnresolvedReference;

/**
 * Which domains an Exim host accepts. Exim has no built-in classes: {@code local_domains} and
 * {@code relay_to_domains} are conventions. A domain is local when the first router (in order) whose
 * {@code domains} precondition admits it, and that can take every address, delivers locally (accept,
 * redirect, queryprogram); it is relayed when a router sends it on and the RCPT ACL ({@code acl_smtp_rcpt})
 * admits it with a positive {@code domains} condition. Where the configuration does not follow that
 * shape, a warning says that maildrift cannot tell.
 */
public final class EximReader {

    /** The host as the reader needs it: the name from the inventory (primary_hostname's default) and its addresses. */
    public record Host(String hostname, List<String> addresses) {
        public Host {
            addresses = List.copyOf(addresses);
        }
    }

    private static final Set<String> LOCAL_DRIVERS = Set.of("accept", "redirect", "queryprogram");
    private static final Set<String> REMOTE_DRIVERS = Set.of("dnslookup", "manualroute", "ipliteral", "iplookup");
    /** Router preconditions that depend on the address beyond its domain: such a router may decline. */
    private static final Set<String> PER_ADDRESS = Set.of("local_parts", "check_local_user", "senders", "condition",
            "require_files", "verify_only", "address_test", "verify_recipient", "local_part_prefix", "local_part_suffix",
            "check_owner", "router_home_directory", "expn");

    private EximReader() {
    }

    /** Reads the main configuration at {@code config}; includes and lookup files are read under files-root. */
    public static HostNames read(Path config, Host host, FilesRoot files) {
        String text;
        try {
            text = TextFile.read(config, EximConfigParser.MAX_FILE_CHARS);
        } catch (IOException e) {
            return unreadable(config.toString(), "cannot read: " + TextFile.describe(e));
        }
        return read(config, text, host, files);
    }

    /** As {@link #read(Path, Host, FilesRoot)}, with the main file's text given. */
    public static HostNames read(Path config, String text, Host host, FilesRoot filesRoot) {
        FilesRoot files = filesRoot.memoizing();
        String label = config.toString();
        Path local = config.toAbsolutePath().normalize().getParent();
        String hostDir = hostDirectory(config, files);
        String dir = hostDir != null ? hostDir : local == null ? "." : local.toString();
        EximConfig cfg = EximConfigParser.parse(label, text, dir,
                path -> open(path, hostDir == null ? local : null, files));
        return read(cfg, host, files);
    }

    /** Where the main file is on the mail host, when it lies under files-root; else null. */
    private static String hostDirectory(Path config, FilesRoot files) {
        if (files.root().isEmpty()) {
            return null;
        }
        Path root = files.root().get();
        Path abs = config.toAbsolutePath().normalize();
        if (!abs.startsWith(root) || abs.getParent() == null) {
            return null;
        }
        String rel = root.relativize(abs.getParent()).toString().replace('\\', '/');
        return rel.isEmpty() ? "" : "/" + rel;
    }

    private static EximConfigParser.Opened open(String path, Path localDir, FilesRoot files) {
        if (localDir != null && path.startsWith(localDir.toString() + "/")) {
            String rel = path.substring(localDir.toString().length() + 1);
            for (String seg : rel.split("/")) {
                if (seg.equals("..")) {
                    return EximConfigParser.Opened.unreadable(path, "path with '..' refused: " + Printable.of(path, 200));
                }
            }
            Path p = localDir.resolve(rel);
            if (!Files.exists(p)) {
                return EximConfigParser.Opened.missing(path, "no such file");
            }
            try {
                return EximConfigParser.Opened.of(path, TextFile.read(p, EximConfigParser.MAX_FILE_CHARS));
            } catch (IOException e) {
                return EximConfigParser.Opened.unreadable(path, "cannot read: " + TextFile.describe(e));
            }
        }
        FilesRoot.Read r = files.read(path);
        if (r.ok()) {
            return EximConfigParser.Opened.of(path, r.text());
        }
        return r.failure().startsWith("file not found under files-root")
                ? EximConfigParser.Opened.missing(path, "no such file under files-root")
                : EximConfigParser.Opened.unreadable(path, r.failure());
    }

    /** A host whose configuration could not be had at all. */
    public static HostNames unreadable(String source, String message) {
        return new HostNames(EximDialect.CONVENTIONAL, List.of(), List.of(), List.of(),
                List.of(ConfigProblem.error(source, 0, message)), false, List.of(),
                d -> Acceptance.unknown("configuration could not be read: " + message), null);
    }

    /** The accepted names of a parsed configuration. */
    public static HostNames read(EximConfig cfg, Host host, FilesRoot files) {
        List<ConfigProblem> problems = new ArrayList<>(cfg.problems());
        if (cfg.fatal() != null) {
            String why = cfg.fatal();
            return new HostNames(EximDialect.CONVENTIONAL, List.of(), List.of(), List.of(), problems, false, List.of(),
                    d -> Acceptance.unknown("Exim would refuse this configuration: " + why), null);
        }
        Model m = new Model(cfg, host, files, problems);
        return m.names();
    }

    /** The facts domain lists depend on, for a parsed configuration and a host. */
    public static EximDomainLists.Facts facts(EximConfig cfg, Host host, FilesRoot files) {
        String primary = cfg.option("primary_hostname");
        if (primary == null || primary.isEmpty()) {
            primary = host.hostname();
        }
        String qd = cfg.option("qualify_domain");
        if (qd == null || qd.isEmpty()) {
            qd = primary;
        }
        String qr = cfg.option("qualify_recipient");
        if (qr == null || qr.isEmpty()) {
            qr = qd;
        }
        return new EximDomainLists.Facts(primary, qd, qr, interfaces(cfg, host), files);
    }

    /**
     * host_find_interfaces: the addresses in local_interfaces and extra_local_interfaces, where 0.0.0.0 and
     * ::0 stand for every IPv4 and IPv6 address of the host (its inventory addresses and loopback).
     */
    static List<String> interfaces(EximConfig cfg, Host host) {
        List<String> running = new ArrayList<>();
        running.add("127.0.0.1");
        running.add("::1");
        for (String a : host.addresses()) {
            if (!running.contains(a)) {
                running.add(a);
            }
        }
        String li = cfg.option("local_interfaces");
        String value = li == null ? "<; 0.0.0.0 ; ::0" : li;
        String extra = cfg.option("extra_local_interfaces");
        Set<String> out = new LinkedHashSet<>();
        for (String list : extra == null ? List.of(value) : List.of(value, extra)) {
            for (String item : EximDomainLists.items(list)) {
                String a = item.strip();
                int bracket = a.indexOf(']');
                if (a.startsWith("[") && bracket > 0) {
                    a = a.substring(1, bracket);
                } else if (a.indexOf(':') < 0 && a.chars().filter(c -> c == '.').count() == 4) {
                    a = a.substring(0, a.lastIndexOf('.'));
                } else if (a.indexOf(':') >= 0 && a.lastIndexOf('.') > a.lastIndexOf(':')
                        && a.chars().filter(c -> c == '.').count() == 1) {
                    a = a.substring(0, a.lastIndexOf('.'));
                }
                if (a.equals("0.0.0.0")) {
                    running.stream().filter(x -> x.indexOf(':') < 0).forEach(out::add);
                } else if (a.equals("::0") || a.equals("::")) {
                    running.stream().filter(x -> x.indexOf(':') >= 0).forEach(out::add);
                } else if (!a.isEmpty()) {
                    out.add(a);
                }
            }
        }
        return List.copyOf(out);
    }

    /** One reading of a configuration for one host: routers, the RCPT ACL and the lists they use. */
    private static final class Model {
        private final EximConfig cfg;
        private final EximDomainLists lists;
        private final List<ConfigProblem> problems;
        private final EximDomainLists.Facts facts;
        private final List<Driver> routers;
        /** Positive domains conditions of the RCPT ACL's accept and require statements. */
        private final List<Condition> rcptDomains = new ArrayList<>();
        private final boolean rcptAclKnown;
        private final Map<String, Acceptance> cache = new java.util.concurrent.ConcurrentHashMap<>();

        Model(EximConfig cfg, Host host, FilesRoot files, List<ConfigProblem> problems) {
            this.cfg = cfg;
            this.problems = problems;
            this.facts = facts(cfg, host, files);
            this.lists = new EximDomainLists(cfg.domainLists(), facts);
            this.routers = cfg.routers();
            String aclName = cfg.option("acl_smtp_rcpt");
            EximConfig.Acl acl = aclName == null ? null : cfg.acls().get(aclName.strip());
            rcptAclKnown = acl != null;
            if (aclName == null || aclName.isBlank()) {
                problems.add(ConfigProblem.warning(cfg.mainFile(), 0, "acl_smtp_rcpt is not set: Exim refuses every"
                        + " recipient offered over SMTP; maildrift reports what the routers deliver"));
            } else if (acl == null) {
                EximConfig.Option o = cfg.mainOptions().get("acl_smtp_rcpt");
                problems.add(ConfigProblem.warning(o.where().file(), o.where().line(), "acl_smtp_rcpt names no ACL of the"
                        + " acl section (an expansion, a file or inline text): maildrift cannot tell which domains it relays"));
            } else {
                for (Statement s : acl.statements()) {
                    if (!s.verb().equals("accept") && !s.verb().equals("require")) {
                        continue;
                    }
                    for (Condition c : s.conditions()) {
                        if (c.name().equals("domains") && !c.negated()) {
                            rcptDomains.add(c);
                        }
                    }
                }
            }
            if (routers.stream().noneMatch(r -> LOCAL_DRIVERS.contains(r.driver()))) {
                problems.add(ConfigProblem.warning(cfg.mainFile(), 0, "no router delivers locally (accept, redirect):"
                        + " maildrift cannot tell which domains this host takes as its own"));
            }
        }

        /** The router that takes {@code domain}: LOCAL, REMOTE, or unknown; null when none does. */
        private record Route(Driver router, boolean local, Outcome outcome) {
        }

        private Route route(String domain) {
            for (Driver r : routers) {
                EximConfig.Option d = r.options().get("domains");
                Outcome o = null;
                if (d != null) {
                    o = lists.match(d.value(), d.where(), "router " + r.name() + ": domains", domain);
                    if (o.status() == Status.UNKNOWN) {
                        return new Route(r, false, o);
                    }
                    if (o.status() == Status.NO_MATCH) {
                        continue;
                    }
                }
                boolean mayDecline = r.options().keySet().stream().anyMatch(PER_ADDRESS::contains);
                if (LOCAL_DRIVERS.contains(r.driver())) {
                    return new Route(r, true, o);
                }
                if (!mayDecline) {
                    return new Route(r, false, o);
                }
            }
            return null;
        }

        Acceptance accepts(String domain) {
            String key = domain.toLowerCase(Locale.ROOT);
            return cache.computeIfAbsent(key, this::decide);
        }

        private Acceptance decide(String domain) {
            Route r = route(domain);
            if (r != null && r.outcome() != null && r.outcome().status() == Status.UNKNOWN) {
                return Acceptance.unknown(r.outcome().reason());
            }
            if (r != null && r.local()) {
                String why = "router " + r.router().name() + " (driver " + r.router().driver() + ") delivers it locally";
                if (r.outcome() != null && r.outcome().source() != null) {
                    why += ": " + describe(r.outcome());
                }
                return Acceptance.yes(AddressClass.LOCAL, why);
            }
            String routed = r == null ? "no router takes it" : "router " + r.router().name() + " sends it on";
            for (Condition c : rcptDomains) {
                Outcome o = lists.match(c.value(), c.where(), "acl_smtp_rcpt: domains", domain);
                if (o.status() == Status.UNKNOWN) {
                    return Acceptance.unknown(o.reason());
                }
                if (o.status() == Status.MATCH) {
                    return Acceptance.yes(AddressClass.RELAY, "the RCPT ACL admits it and " + routed + ": " + describe(o));
                }
            }
            return Acceptance.no("not in a list that a local router or the RCPT ACL accepts (" + routed + ")");
        }

        private static String describe(Outcome o) {
            String item = o.item() == null ? "end of list after a negative item" : "\"" + o.item() + "\"";
            return item + " in " + o.source().describe();
        }

        HostNames names() {
            Map<String, Provenance> candidates = new LinkedHashMap<>();
            List<IneffectivePattern> ineffective = new ArrayList<>();
            List<UnresolvedReference> unresolved = new ArrayList<>();
            for (NamedList nl : cfg.domainLists().values()) {
                collect(nl.value(), nl.where(), "domainlist " + nl.name(), candidates, ineffective);
            }
            for (Driver r : routers) {
                EximConfig.Option d = r.options().get("domains");
                if (d != null) {
                    collect(d.value(), d.where(), "router " + r.name() + ": domains", candidates, ineffective);
                    probe(d.value(), d.where(), "router " + r.name() + ": domains",
                            LOCAL_DRIVERS.contains(r.driver()) ? AddressClass.LOCAL : AddressClass.RELAY, unresolved);
                }
            }
            for (Condition c : rcptDomains) {
                collect(c.value(), c.where(), "acl_smtp_rcpt: domains", candidates, ineffective);
                probe(c.value(), c.where(), "acl_smtp_rcpt: domains", AddressClass.RELAY, unresolved);
            }
            List<AcceptedName> accepted = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (Map.Entry<String, Provenance> e : candidates.entrySet()) {
                String name = e.getKey();
                if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                Acceptance a = accepts(name);
                if (a.verdict() == org.maildrift.mta.model.Verdict.YES) {
                    accepted.add(new AcceptedName(name, a.addressClass(), e.getValue()));
                }
            }
            String local = listOf(true);
            String relay = listOf(false);
            EximDialect dialect = new EximDialect(local, relay);
            Model self = this;
            org.maildrift.mta.model.DomainMatcher matcher = self::accepts;
            return new HostNames(dialect, accepted, dedupe(unresolved), ineffective, problems, false, List.of(), matcher,
                    facts.primaryHostname());
        }

        /**
         * The named list edits go to: for local names the first {@code +name} a local router admits (or a
         * sending router excludes, Debian's {@code ! +local_domains}); for relayed ones the first other
         * {@code +name} of the RCPT ACL. Exim's conventional names otherwise.
         */
        private String listOf(boolean local) {
            if (local) {
                for (Driver r : routers) {
                    EximConfig.Option d = r.options().get("domains");
                    boolean localRouter = LOCAL_DRIVERS.contains(r.driver());
                    if (d == null) {
                        continue;
                    }
                    for (String item : EximDomainLists.items(d.value())) {
                        boolean negative = item.startsWith("!");
                        String i = negative ? item.substring(1).strip() : item;
                        if (i.startsWith("+") && cfg.domainLists().containsKey(i.substring(1)) && negative != localRouter) {
                            return i.substring(1);
                        }
                    }
                }
                return "local_domains";
            }
            String localList = listOf(true);
            for (Condition c : rcptDomains) {
                for (String item : EximDomainLists.items(c.value())) {
                    if (item.startsWith("+") && !item.substring(1).equals(localList)
                            && cfg.domainLists().containsKey(item.substring(1))) {
                        return item.substring(1);
                    }
                }
            }
            return "relay_to_domains";
        }

        private void probe(String value, Where where, String head, AddressClass cls, List<UnresolvedReference> out) {
            Outcome o = lists.match(value, where, head, "maildrift-probe.invalid");
            if (o.status() == Status.UNKNOWN) {
                Provenance p = o.source() == null ? where.provenance(head) : o.source();
                out.add(new UnresolvedReference(head, cls, o.reason(), p));
            }
        }

        private static List<UnresolvedReference> dedupe(List<UnresolvedReference> in) {
            Map<String, UnresolvedReference> out = new LinkedHashMap<>();
            for (UnresolvedReference u : in) {
                out.putIfAbsent(u.reason(), u);
            }
            return new ArrayList<>(out.values());
        }

        /** The names a list spells out (literals, @, lsearch keys), each with where it is written. */
        private void collect(String value, Where where, String head, Map<String, Provenance> out,
                List<IneffectivePattern> ineffective) {
            EximDomainLists.Expanded x = lists.expand(value, "maildrift-probe.invalid");
            if (x.unresolved() != null) {
                return;
            }
            for (String raw : EximDomainLists.items(x.text())) {
                String item = raw.startsWith("!") ? raw.substring(1).strip() : raw;
                Provenance p = where.provenance(head, item);
                if (raw.startsWith("!") || item.isEmpty() || item.startsWith("+") || item.startsWith("^")
                        || item.startsWith("*")) {
                    continue;
                }
                if (item.equals("@")) {
                    out.putIfAbsent(facts.primaryHostname(), new Provenance(p.file(), p.line(),
                            append(p.chain(), "@ (primary_hostname)")));
                    continue;
                }
                if (item.startsWith("@") || item.startsWith("[")) {
                    continue;
                }
                int semi = item.indexOf(';');
                if (semi >= 0) {
                    String type = item.substring(0, semi).replaceFirst("^partial[0-9]*(-|\\([^)]*\\))", "");
                    String file = item.substring(semi + 1).strip();
                    if ((type.startsWith("lsearch") || type.startsWith("wildlsearch") || type.startsWith("nwildlsearch"))
                            && file.startsWith("/")) {
                        List<String> keys = lists.lsearchKeys(file);
                        for (int i = 0; i < keys.size(); i++) {
                            String k = keys.get(i);
                            if (!k.startsWith("*") && !k.startsWith("^") && !k.isEmpty() && !k.contains("$")) {
                                out.putIfAbsent(k.toLowerCase(Locale.ROOT), new Provenance(file, lineOfKey(file, k),
                                        append(p.chain(), type + ";" + file)));
                            }
                        }
                    }
                    continue;
                }
                if (item.endsWith(".")) {
                    ineffective.add(new IneffectivePattern(item, AddressClass.LOCAL,
                            "a trailing dot: Exim refuses such an address as malformed, so this item never matches", p));
                    continue;
                }
                out.putIfAbsent(item.toLowerCase(Locale.ROOT), p);
            }
        }

        private int lineOfKey(String file, String key) {
            FilesRoot.Read r = facts.files().read(file);
            if (!r.ok()) {
                return 0;
            }
            String[] lines = r.text().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].startsWith(key) || lines[i].startsWith("\"" + key)) {
                    return i + 1;
                }
            }
            return 0;
        }

        private static List<String> append(List<String> chain, String tail) {
            List<String> c = new ArrayList<>(chain);
            c.add(tail);
            return c;
        }
    }
}

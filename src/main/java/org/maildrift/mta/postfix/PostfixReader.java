package org.maildrift.mta.postfix;

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

import org.maildrift.mail.InterfaceAddress;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.captured.CapturedPostconf;
import org.maildrift.mta.model.Acceptance;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.ConfigProblem;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.SendingSettings;
import org.maildrift.mta.model.TlsSettings;
import org.maildrift.mta.model.CertificateSetting;
import org.maildrift.mta.model.IneffectivePattern;
import org.maildrift.mta.model.Provenance;
import org.maildrift.mta.model.UnresolvedReference;
import org.maildrift.mta.postfix.tables.TableAccess;

/**
 * Reads a Postfix host's main.cf (or a captured {@code postconf -n} / {@code postconf -x} dump, which
 * has the same syntax) and answers which names it accepts, in which address class, and why.
 */
public final class PostfixReader {

    private static final String[][] CLASSES = {
        {"mydestination", "LOCAL"},
        {"virtual_alias_domains", "VIRTUAL_ALIAS"},
        {"virtual_mailbox_domains", "VIRTUAL_MAILBOX"},
        {"relay_domains", "RELAY"},
    };

    private PostfixReader() {
    }

    /**
     * What the caller knows about the mail host: its kernel host name and its interface addresses
     * (besides loopback), with their subnet prefixes where known.
     */
    public record Host(String hostname, List<InterfaceAddress> interfaces, TableAccess tables) {
        public Host {
            interfaces = List.copyOf(interfaces);
            tables = tables == null ? TableAccess.NONE : tables;
        }

        public Host(String hostname, List<InterfaceAddress> interfaces) {
            this(hostname, interfaces, TableAccess.NONE);
        }

        /** A host whose addresses are given bare (canonical or not), prefixes unknown. */
        public static Host of(String hostname, List<String> addresses) {
            return new Host(hostname, addresses.stream().map(InterfaceAddress::of).toList());
        }

        public List<String> addresses() {
            return interfaces.stream().map(InterfaceAddress::address).toList();
        }
    }

    /** A parsed main.cf (or captured postconf output) and the directory {@code $config_directory} names. */
    public record Source(MainCf mainCf, String configDirectory) {
    }

    /**
     * Loads main.cf from a file, or DIR/main.cf when given a directory; captured postconf output is
     * prepared as {@link CapturedPostconf} says. Throws with the file name when it cannot be read.
     */
    public static Source load(Path config) throws IOException {
        Path file = Files.isDirectory(config) ? config.resolve("main.cf") : config;
        String text = org.maildrift.files.TextFile.read(file, MainCfParser.MAX_FILE_CHARS);
        Path dir = file.getParent() == null ? Path.of(".") : file.getParent();
        return new Source(MainCfParser.parse(file.toString(), CapturedPostconf.asMainCf(text, PostfixDefaults.raw())),
                dir.toString());
    }

    /** Reads main.cf from a file, or from DIR/main.cf when given a directory. */
    public static HostNames read(Path config, Host host, FilesRoot files) {
        Source source;
        try {
            source = load(config);
        } catch (IOException e) {
            Path file = Files.isDirectory(config) ? config.resolve("main.cf") : config;
            return unreadable(file.toString(), "cannot read: " + org.maildrift.files.TextFile.describe(e));
        }
        return read(source.mainCf(), host, files, source.configDirectory());
    }

    public static HostNames read(MainCf mainCf, Host host, FilesRoot filesRoot, String configDirectory) {
        FilesRoot files = filesRoot.memoizing();
        PostfixParameters params = PostfixParameters.of(mainCf, host, configDirectory);
        List<ConfigProblem> problems = new ArrayList<>(params.problems());
        if (params.fatal()) {
            for (String m : params.fatalMessages()) {
                problems.add(ConfigProblem.error(mainCf.file(), 0, m));
            }
            return new HostNames(PostfixDialect.INSTANCE, List.of(), List.of(), List.of(), problems, false, List.of(),
                    d -> Acceptance.unknown("Postfix would refuse this main.cf: " + firstError(problems)), null);
        }
        validateIdentity(params, problems);

        List<AcceptedName> accepted = new ArrayList<>();
        List<UnresolvedReference> unresolved = new ArrayList<>();
        List<IneffectivePattern> ineffective = new ArrayList<>();
        List<PostfixMatcher.ClassList> lists = new ArrayList<>();
        boolean parentStyle = parentStyleRelay(params);
        for (String[] c : CLASSES) {
            String param = c[0];
            AddressClass cls = AddressClass.valueOf(c[1]);
            MacroExpander.Traced traced = MacroExpander.expandTraced(params.raw(param).orElse(""), params::lookup);
            if (traced.result().error()) {
                problems.add(ConfigProblem.error(mainCf.file(), lineOf(params, param),
                        param + ": " + String.join("; ", traced.result().messages())
                                + " (Postfix daemons stop with \"macro processing error\")"));
                lists.add(new PostfixMatcher.ClassList(cls, List.of(new ListElement.Table(param, null, null, false,
                        false, "expansion failed", false, provenance(params, param, List.of()))),
                        PostfixMatcher.Style.EXACT));
                continue;
            }
            PostfixList.Parsed parsed = PostfixList.parse(traced.result().value(), cls, files, host.tables(),
                    offset -> provenance(params, param, traced.chainAt(offset)));
            problems.addAll(parsed.problems());
            for (UnresolvedReference u : parsed.unresolved()) {
                // relay_domains defaults to $mydestination: report each unreadable reference once
                if (unresolved.stream().noneMatch(x -> x.reference().equals(u.reference()))) {
                    unresolved.add(u);
                }
            }
            ineffective.addAll(parsed.ineffective());
            PostfixMatcher.Style style = cls != AddressClass.RELAY ? PostfixMatcher.Style.EXACT
                    : parentStyle ? PostfixMatcher.Style.PARENT : PostfixMatcher.Style.DOT;
            for (ListElement e : parsed.elements()) {
                collectAccepted(e, cls, style, accepted, ineffective);
            }
            lists.add(new PostfixMatcher.ClassList(cls, parsed.elements(), style));
        }

        dropShadowedRelayNames(accepted);
        // each address is credited to the parameter that first names it (inet_interfaces, then proxy_interfaces)
        Map<String, String> listenFrom = new LinkedHashMap<>();
        List<String> unknownInterfaces = new ArrayList<>();
        interfaceAddresses(params, "inet_interfaces", host, listenFrom, unknownInterfaces);
        interfaceAddresses(params, "proxy_interfaces", host, listenFrom, unknownInterfaces);
        Set<String> listen = new LinkedHashSet<>(listenFrom.keySet());
        for (Map.Entry<String, String> e : listenFrom.entrySet()) {
            String a = e.getKey();
            String literal = a.contains(":") ? "[IPv6:" + a + "]" : "[" + a + "]";
            accepted.add(new AcceptedName(literal, AddressClass.LOCAL, provenance(params, e.getValue(), List.of())));
        }
        PostfixMatcher matcher = new PostfixMatcher(lists, listen, unknownInterfaces);
        MacroExpander.Result own = params.expandParameter("myhostname");
        return new HostNames(PostfixDialect.INSTANCE, accepted, unresolved, ineffective, problems, false, List.of(), matcher,
                own.error() || own.value().isBlank() ? null : own.value().trim(), tls(params)).withSending(sending(params, files));
    }

    /**
     * What main.cf says about the mail Postfix sends: smtp_bind_address and smtp_bind_address6, smtp_helo_name
     * (default $myhostname), relayhost, inet_protocols (the families the client uses), myorigin and mydomain,
     * and the alias_maps tables that are files (the
     * source text of hash:, lmdb:, btree:, cdb: and dbm: tables; nis: is not read, other tables are unresolved).
     * sender_dependent_relayhost_maps is read from file tables under files-root; per-transport -o overrides in
     * master.cf are not read.
     */
    static SendingSettings sending(PostfixParameters params, FilesRoot files) {
        String file = params.mainCf().file();
        List<String> unresolved = new ArrayList<>();
        List<SendingSettings.Setting> bind = new ArrayList<>();
        for (String p : List.of("smtp_bind_address", "smtp_bind_address6")) {
            SendingSettings.Setting v = setting(params, p, unresolved);
            if (v != null) {
                bind.add(v);
            }
        }
        SendingSettings.Setting helo = setting(params, "smtp_helo_name", unresolved);
        SendingSettings.Setting relay = setting(params, "relayhost", unresolved);
        List<SendingSettings.Setting> domains = new ArrayList<>();
        for (String p : List.of("myorigin", "mydomain")) {
            SendingSettings.Setting v = setting(params, p, unresolved);
            if (v != null && domains.stream().noneMatch(d -> d.value().equalsIgnoreCase(v.value()))) {
                domains.add(v);
            }
        }
        List<SendingSettings.Setting> aliases = new ArrayList<>();
        SendingSettings.Setting maps = setting(params, "alias_maps", unresolved);
        if (maps != null) {
            for (String t : maps.value().split("[\\s,]+")) {
                if (t.isEmpty()) {
                    continue;
                }
                int colon = t.indexOf(':');
                String type = colon > 0 ? t.substring(0, colon).toLowerCase(Locale.ROOT) : "";
                String path = colon > 0 ? t.substring(colon + 1) : t;
                switch (type) {
                    case "hash", "lmdb", "btree", "cdb", "dbm", "sdbm" ->
                            aliases.add(new SendingSettings.Setting(path, "alias_maps", maps.file(), maps.line()));
                    case "nis" -> {
                        // NIS maps are a network service of the host's own; not read
                    }
                    default -> unresolved.add("alias_maps: " + org.maildrift.files.Printable.of(t, 80)
                            + " is not a file maildrift reads");
                }
            }
        }
        // notify_classes: who gets the postmaster notices of each class
        List<SendingSettings.Setting> notices = new ArrayList<>();
        SendingSettings.Setting classes = setting(params, "notify_classes", unresolved);
        if (classes != null) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String c : classes.value().toLowerCase(Locale.ROOT).split("[\\s,]+")) {
                String p = switch (c) {
                    case "bounce" -> "bounce_notice_recipient";
                    case "2bounce" -> "2bounce_notice_recipient";
                    case "delay" -> "delay_notice_recipient";
                    case "resource", "software", "policy", "protocol", "data" -> "error_notice_recipient";
                    default -> null;
                };
                if (p != null && seen.add(p)) {
                    SendingSettings.Setting r = setting(params, p, unresolved);
                    if (r != null) {
                        notices.add(r);
                    }
                }
            }
        }
        SendingSettings.Setting families = setting(params, "inet_protocols", unresolved);
        return new SendingSettings(true, bind, helo, relay, domains, aliases, notices,
                org.maildrift.mta.aliases.AliasFiles.read(aliases, files), unresolved, families,
                senderRelays(setting(params, "sender_dependent_relayhost_maps", unresolved), files));
    }

    /**
     * sender_dependent_relayhost_maps read from the source files of hash, btree, lmdb, cdb, dbm and texthash
     * tables under files-root ("KEY VALUE" lines, '#' comments, indented continuation lines); keys folded to lower
     * case as postmap folds them. Another table type, or a file not in the copy, leaves those relays unknown.
     */
    static SendingSettings.SenderRelays senderRelays(SendingSettings.Setting maps, FilesRoot files) {
        if (maps == null) {
            return SendingSettings.SenderRelays.NONE;
        }
        java.util.Map<String, SendingSettings.Setting> byKey = new java.util.LinkedHashMap<>();
        String unreadable = null;
        for (String t : maps.value().split("[\\s,]+")) {
            if (t.isEmpty()) {
                continue;
            }
            String ref = t;
            while (ref.startsWith("proxy:")) {
                ref = ref.substring(6);
            }
            int colon = ref.indexOf(':');
            String type = colon > 0 ? ref.substring(0, colon).toLowerCase(Locale.ROOT) : "";
            String path = colon > 0 ? ref.substring(colon + 1) : ref;
            if (!java.util.Set.of("hash", "btree", "lmdb", "cdb", "dbm", "sdbm", "texthash").contains(type)) {
                unreadable = unreadable != null ? unreadable : "sender_dependent_relayhost_maps: "
                        + org.maildrift.files.Printable.of(t, 80) + " is not a table maildrift reads";
                continue;
            }
            FilesRoot.Read r = files.read(path);
            if (!r.ok()) {
                unreadable = unreadable != null ? unreadable : "sender_dependent_relayhost_maps: " + r.failure();
                continue;
            }
            String[] lines = r.text().split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                if (l.isBlank() || l.strip().startsWith("#") || Character.isWhitespace(l.charAt(0))) {
                    continue;
                }
                StringBuilder value = new StringBuilder();
                String[] kv = l.strip().split("\\s+", 2);
                if (kv.length == 2) {
                    value.append(kv[1].strip());
                }
                for (int j = i + 1; j < lines.length && !lines[j].isEmpty() && Character.isWhitespace(lines[j].charAt(0))
                        && !lines[j].isBlank(); j++) {
                    value.append(' ').append(lines[j].strip());
                }
                String key = type.equals("texthash") ? kv[0] : kv[0].toLowerCase(Locale.ROOT);
                // the first table that has the key decides, as Postfix searches them in order
                byKey.putIfAbsent(key, new SendingSettings.Setting(value.toString().strip(),
                        "sender_dependent_relayhost_maps", path, i + 1));
            }
        }
        return new SendingSettings.SenderRelays(byKey, unreadable);
    }

    private static SendingSettings.Setting setting(PostfixParameters params, String name, List<String> unresolved) {
        MacroExpander.Result r = params.expandParameter(name);
        if (r.error()) {
            unresolved.add(name + ": " + String.join("; ", r.messages()));
            return null;
        }
        String v = r.value().trim();
        if (v.isEmpty()) {
            return null;
        }
        int line = lineOf(params, name);
        return new SendingSettings.Setting(v, name, line > 0 ? params.mainCf().file() : defaultLabel(name), line);
    }

    /**
     * What main.cf says about the SMTP server's STARTTLS: offered when smtpd_tls_security_level is may or
     * encrypt (or, when it is empty, the legacy smtpd_use_tls or smtpd_enforce_tls is yes); the certificates
     * are smtpd_tls_chain_files when set, otherwise smtpd_tls_cert_file, smtpd_tls_eccert_file and
     * smtpd_tls_dcert_file. Per-service -o overrides in master.cf are not read.
     */
    static TlsSettings tls(PostfixParameters params) {
        String file = params.mainCf().file();
        List<String> unresolved = new ArrayList<>();
        String level = expandedOrNull(params, "smtpd_tls_security_level", unresolved);
        if (level == null) {
            return new TlsSettings(false, List.of(), unresolved, "smtpd_tls_security_level cannot be expanded");
        }
        level = level.trim().toLowerCase(Locale.ROOT);
        boolean offered;
        String why;
        if (level.isEmpty()) {
            boolean use = yes(params, "smtpd_use_tls") || yes(params, "smtpd_enforce_tls");
            offered = use;
            why = use ? null : "smtpd_tls_security_level is empty and smtpd_use_tls is no: the server offers no STARTTLS";
        } else {
            offered = level.equals("may") || level.equals("encrypt");
            why = offered ? null : "smtpd_tls_security_level = " + org.maildrift.files.Printable.of(level, 40)
                    + ": the server offers no STARTTLS";
        }
        if (!offered) {
            return new TlsSettings(false, List.of(), unresolved, why);
        }
        List<CertificateSetting> certs = new ArrayList<>();
        String chain = expandedOrNull(params, "smtpd_tls_chain_files", unresolved);
        if (chain != null && !chain.isBlank()) {
            for (String f : chain.trim().split("[\\s,]+")) {
                certs.add(new CertificateSetting("smtpd_tls_chain_files", f, file, lineOf(params, "smtpd_tls_chain_files")));
            }
        } else if (chain != null) {
            for (String p : List.of("smtpd_tls_cert_file", "smtpd_tls_eccert_file", "smtpd_tls_dcert_file")) {
                String v = expandedOrNull(params, p, unresolved);
                if (v != null && !v.isBlank()) {
                    certs.add(new CertificateSetting(p, v.trim(), file, lineOf(params, p)));
                }
            }
        }
        if (certs.isEmpty() && unresolved.isEmpty()) {
            return new TlsSettings(false, List.of(), List.of(), "no certificate is configured (smtpd_tls_chain_files and "
                    + "smtpd_tls_cert_file are empty): Postfix logs a warning and offers no STARTTLS");
        }
        return new TlsSettings(true, certs, unresolved, null);
    }

    private static boolean yes(PostfixParameters params, String name) {
        MacroExpander.Result r = params.expandParameter(name);
        return !r.error() && r.value().trim().equalsIgnoreCase("yes");
    }

    private static String expandedOrNull(PostfixParameters params, String name, List<String> unresolved) {
        MacroExpander.Result r = params.expandParameter(name);
        if (r.error()) {
            unresolved.add(name + ": " + String.join("; ", r.messages()));
            return null;
        }
        return r.value();
    }

    /**
     * A name in mydestination is local, whatever relay_domains says (local is tried first), and
     * relay_domains defaults to $mydestination: listing those names again as relay would only repeat them.
     */
    private static void dropShadowedRelayNames(List<AcceptedName> accepted) {
        Set<String> local = new java.util.HashSet<>();
        for (AcceptedName a : accepted) {
            if (a.addressClass() == AddressClass.LOCAL) {
                local.add(a.name());
            }
        }
        accepted.removeIf(a -> a.addressClass() == AddressClass.RELAY && local.contains(a.name()));
    }

    private static void collectAccepted(ListElement e, AddressClass cls, PostfixMatcher.Style style,
            List<AcceptedName> accepted, List<IneffectivePattern> ineffective) {
        if (e.negated()) {
            return;
        }
        if (e instanceof ListElement.Literal lit) {
            if (style == PostfixMatcher.Style.PARENT && lit.original().startsWith(".")) {
                ineffective.add(new IneffectivePattern(lit.original(), cls,
                        "leading dot in relay_domains with parent-style matching matches nothing", lit.source()));
                return;
            }
            if (lit.original().endsWith(".") || lit.original().startsWith("{")
                    || (style == PostfixMatcher.Style.EXACT && lit.original().startsWith("."))) {
                return;
            }
            accepted.add(new AcceptedName(lit.pattern(), cls, lit.source()));
        } else if (e instanceof ListElement.Table t && t.keys() != null) {
            t.keys().forEach((key, line) -> {
                if (!key.contains("@") && key.equals(key.toLowerCase(Locale.ROOT))) {
                    accepted.add(new AcceptedName(key, cls, PostfixList.keySource(t, t.source(), line)));
                }
            });
        }
    }

    /** P3.9: what every daemon checks at start-up even though postconf prints the value. */
    private static void validateIdentity(PostfixParameters params, List<ConfigProblem> problems) {
        for (String p : List.of("myhostname", "mydomain")) {
            MacroExpander.Result r = params.expandParameter(p);
            String file = params.mainCf().file();
            int line = lineOf(params, p);
            if (r.error()) {
                problems.add(ConfigProblem.error(file, line, p + ": " + String.join("; ", r.messages())));
                continue;
            }
            String v = r.value();
            if (v.isEmpty()) {
                problems.add(ConfigProblem.error(file, line,
                        "bad string length 0 < 1: " + p + " = (Postfix daemons refuse to start)"));
                continue;
            }
            String why = HostnameSyntax.problem(v);
            if (why != null) {
                problems.add(ConfigProblem.error(file, line, "parameter " + p + ": bad parameter value: " + v
                        + " (" + why + "; Postfix daemons refuse to start)"));
            } else if (p.equals("myhostname") && v.indexOf('.') < 0) {
                problems.add(ConfigProblem.warning(file, line, "myhostname " + v + " is not a fully-qualified domain name"));
            } else if (p.equals("myhostname") && v.toLowerCase(Locale.ROOT).endsWith(".localdomain")) {
                problems.add(ConfigProblem.warning(file, line,
                        "myhostname " + v + " ends in .localdomain: the host's name is not qualified"));
            }
        }
    }

    private static boolean parentStyleRelay(PostfixParameters params) {
        MacroExpander.Result r = params.expandParameter("parent_domain_matches_subdomains");
        for (String t : PostfixList.tokens(r.value())) {
            if (t.equals("relay_domains")) {
                return true;
            }
        }
        return false;
    }

    private static void interfaceAddresses(PostfixParameters params, String param, Host host, Map<String, String> out,
            List<String> unknown) {
        MacroExpander.Result r = params.expandParameter(param);
        for (String t : PostfixList.tokens(r.value())) {
            String v = t.toLowerCase(Locale.ROOT);
            switch (v) {
                case "all" -> {
                    out.putIfAbsent("127.0.0.1", param);
                    out.putIfAbsent("::1", param);
                    for (String a : host.addresses()) {
                        String c = InterfaceAddresses.canonical(a);
                        if (c != null) {
                            out.putIfAbsent(c, param);
                        }
                    }
                }
                case "loopback-only" -> {
                    out.putIfAbsent("127.0.0.1", param);
                    out.putIfAbsent("::1", param);
                }
                default -> {
                    String bare = v.startsWith("[") && v.endsWith("]") ? v.substring(1, v.length() - 1) : v;
                    String c = InterfaceAddresses.canonical(bare);
                    if (c != null) {
                        out.putIfAbsent(c, param);
                    } else {
                        unknown.add(t);
                    }
                }
            }
        }
    }

    /** mydestination (main.cf:4) → $myhostname → myhostname (main.cf:3). */
    static Provenance provenance(PostfixParameters params, String param, List<String> chain) {
        List<String> steps = new ArrayList<>();
        steps.add(param);
        for (String c : chain) {
            steps.add("$" + c);
        }
        String last = chain.isEmpty() ? param : chain.get(chain.size() - 1);
        if (!chain.isEmpty()) {
            steps.add(last);
        }
        MainCf mainCf = params.mainCf();
        return mainCf.entry(last)
                .map(e -> new Provenance(mainCf.file(), e.line(), steps))
                .orElseGet(() -> new Provenance(defaultLabel(last), 0, steps));
    }

    private static String defaultLabel(String param) {
        return switch (param) {
            case "myhostname", "mydomain" -> "default from the host name";
            default -> "Postfix default";
        };
    }

    private static int lineOf(PostfixParameters params, String param) {
        return params.mainCf().entry(param).map(MainCf.Entry::line).orElse(0);
    }

    private static String firstError(List<ConfigProblem> problems) {
        return problems.stream().filter(p -> p.level() == ConfigProblem.Level.ERROR).map(ConfigProblem::describe)
                .findFirst().orElse("unreadable");
    }

    private static HostNames unreadable(String file, String message) {
        List<ConfigProblem> problems = List.of(ConfigProblem.error(file, 0, message));
        return new HostNames(PostfixDialect.INSTANCE, List.of(), List.of(), List.of(), problems, false, List.of(),
                d -> Acceptance.unknown("configuration could not be read: " + message), null);
    }
}

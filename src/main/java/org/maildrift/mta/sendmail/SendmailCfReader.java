package org.maildrift.mta.sendmail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.Acceptance;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.ConfigProblem;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.SendingSettings;
import org.maildrift.mta.model.TlsSettings;
import org.maildrift.mta.model.CertificateSetting;
import org.maildrift.mta.model.Provenance;
import org.maildrift.mta.model.UnresolvedReference;

/**
 * Builds sendmail's class w from sendmail.cf as sendmail 8.17 does (spec S1): the host identity first,
 * then C and F lines in file order with macros as defined at that point, then {@code $j}, then the
 * interface probe unless {@code DontProbeInterfaces=true}. Programs named in F lines are never run and
 * files are read only under the files-root. Also tells whether the host rewrites recipient domains
 * through DNS CNAMEs ({@code $[ $]} in Canonify2, spec S3).
 */
public final class SendmailCfReader {

    public static final int MAX_FILE_CHARS = 16 * 1024 * 1024;
    private static final int MAX_MACRO_DEPTH = 20;
    private static final int MAX_EXPANSION_CHARS = 1024 * 1024;

    private final String file;
    private String serverCertFile;
    private int serverCertLine;
    private final SendmailHost host;
    private final FilesRoot files;
    private final Map<String, ClassSet> classes = new HashMap<>();
    private final Map<String, String> spellings = new HashMap<>();
    private final Map<String, String> macros = new HashMap<>();
    private int smartHostLine;
    private String aliasFile;
    private int aliasFileLine;
    private final List<SendingSettings.Setting> clientAddresses = new ArrayList<>();
    private final List<UnresolvedReference> unresolved = new ArrayList<>();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private String dontProbe = "false";
    private boolean dontExpandCnames;
    private String ownName;
    private Provenance accessMap;
    private final Canonify canonify = new Canonify();

    /**
     * A sendmail class: members case-insensitively unique. sendmail keeps one symbol per name for all
     * classes, so a member is spelled as the name was first entered into any class.
     */
    static final class ClassSet {
        final Map<String, AcceptedName> members = new LinkedHashMap<>();
        private final Map<String, String> spellings;

        ClassSet(Map<String, String> spellings) {
            this.spellings = spellings;
        }

        boolean add(String word, Provenance source) {
            String key = word.toLowerCase(Locale.ROOT);
            if (members.containsKey(key)) {
                return false;
            }
            String spelling = spellings.computeIfAbsent(key, k -> word);
            members.put(key, new AcceptedName(spelling, AddressClass.LOCAL, source));
            return true;
        }

        boolean contains(String word) {
            return members.containsKey(word.toLowerCase(Locale.ROOT));
        }
    }

    private SendmailCfReader(String file, SendmailHost host, FilesRoot files) {
        this.file = file;
        this.host = host;
        this.files = files;
    }

    public static HostNames read(Path cf, SendmailHost host, FilesRoot files) {
        String label = cf.toString();
        try {
            return read(label, org.maildrift.files.TextFile.read(cf, MAX_FILE_CHARS), host, files);
        } catch (IOException e) {
            return unreadable(label, "cannot read: " + org.maildrift.files.TextFile.describe(e));
        }
    }

    public static HostNames read(String file, String text, SendmailHost host, FilesRoot files) {
        if (text.length() > MAX_FILE_CHARS) {
            return unreadable(file, "file is larger than " + MAX_FILE_CHARS + " characters; not read");
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            return unreadable(file, "NUL byte in configuration text (line "
                    + (text.substring(0, nul).chars().filter(c -> c == '\n').count() + 1) + "); not read");
        }
        SendmailCfReader r = new SendmailCfReader(file, host, files);
        r.identity();
        r.readCf(text);
        r.finish();
        return r.result();
    }

    private ClassSet cls(String name) {
        return classes.computeIfAbsent(name, n -> new ClassSet(spellings));
    }

    /** S1.1: names sendmail knows before reading the .cf. */
    private void identity() {
        String hostbuf = host.hostname() == null || host.hostname().isBlank() ? "localhost" : host.hostname();
        SendmailHost.HostEntry e = host.entry();
        if (e != null) {
            if (e.officialName() != null && (e.officialName().contains(".") || !hostbuf.contains("."))) {
                hostbuf = e.officialName();
            }
            if (!hostbuf.contains(".")) {
                for (String a : e.aliases()) {
                    if (a.contains(".")) {
                        hostbuf = a;
                        break;
                    }
                }
            }
        }
        if (!hostbuf.contains(".")) {
            problems.add(ConfigProblem.warning(file, 0, "local host name (" + hostbuf
                    + ") is not qualified; sendmail warns and $j is not a fully-qualified name"));
        }
        macros.put("w", hostbuf);
        macros.put("j", hostbuf);
        int dot = hostbuf.indexOf('.');
        if (dot >= 0) {
            macros.put("m", hostbuf.substring(dot + 1));
        }
        String node = host.nodeName() == null ? host.hostname() : host.nodeName();
        macros.put("k", node == null ? hostbuf : node);
        Provenance id = new Provenance("host identity", 0, List.of("host name"));
        ClassSet w = cls("w");
        w.add(hostbuf, id);
        if (node != null) {
            w.add(node, new Provenance("host identity", 0, List.of("uname node name ($k)")));
        }
        if (e != null) {
            for (String a : e.aliases()) {
                w.add(a, new Provenance("host identity", 0, List.of("alias of the host name")));
            }
            for (String a : e.addresses()) {
                w.add("[" + a + "]", new Provenance("host identity", 0, List.of("address of the host name")));
            }
        }
    }

    private void readCf(String text) {
        String[] physical = text.split("\n", -1);
        String currentRuleset = null;
        int i = 0;
        while (i < physical.length) {
            int lineNo = i + 1;
            StringBuilder line = new StringBuilder(stripCr(physical[i]));
            i++;
            while (i < physical.length && !physical[i].isEmpty()
                    && (physical[i].charAt(0) == ' ' || physical[i].charAt(0) == '\t')) {
                line.append('\n').append(stripCr(physical[i]));
                i++;
            }
            String l = line.toString();
            if (l.isEmpty() || l.charAt(0) == '#') {
                continue;
            }
            char kind = l.charAt(0);
            switch (kind) {
                case 'V' -> version(l);
                case 'D' -> {
                    define(l);
                    if (l.length() > 1 && l.charAt(1) == 'S') {
                        smartHostLine = lineNo;
                    }
                }
                case 'C' -> classLine(l, lineNo);
                case 'F' -> fileClass(l, lineNo);
                case 'O' -> option(l, lineNo);
                case 'S' -> currentRuleset = l.substring(1).strip();
                case 'R' -> canonify.rule(currentRuleset, l, lineNo);
                case 'K' -> {
                    if (l.startsWith("Kaccess ") || l.startsWith("Kaccess\t")) {
                        accessMap = new Provenance(file, lineNo, List.of("Kaccess (FEATURE(access_db))"));
                    }
                }
                default -> {
                }
            }
        }
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private void version(String l) {
        String v = l.substring(1).strip();
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        if (end > 0 && Integer.parseInt(v.substring(0, Math.min(end, 6))) >= 5) {
            String w = macros.get("w");
            int dot = w.indexOf('.');
            if (dot > 0) {
                macros.put("w", w.substring(0, dot));
            }
        }
    }

    /** Parses the class or macro name after the line's first letter: {@code x} or {@code {name}}. */
    private record Name(String name, int end) {
    }

    private static Name name(String l, int from) {
        if (from >= l.length()) {
            return null;
        }
        if (l.charAt(from) == '{') {
            int close = l.indexOf('}', from);
            if (close < 0) {
                return null;
            }
            return new Name(l.substring(from + 1, close), close + 1);
        }
        return new Name(String.valueOf(l.charAt(from)), from + 1);
    }

    private void define(String l) {
        Name n = name(l, 1);
        if (n != null) {
            macros.put(n.name(), l.substring(n.end()));
        }
    }

    private void classLine(String l, int lineNo) {
        Name n = name(l, 1);
        if (n == null) {
            problems.add(ConfigProblem.warning(file, lineNo, "malformed class line"));
            return;
        }
        String words = expand(l.substring(n.end()), lineNo);
        ClassSet target = cls(n.name());
        List<String> chain = List.of("C" + (n.name().length() == 1 ? n.name() : "{" + n.name() + "}"));
        for (String word : words.split("[ \t\n\r]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.startsWith("$=") && word.length() > 2) {
                Name src = name(word, 2);
                ClassSet from = classes.get(src.name());
                if (from != null) {
                    for (AcceptedName a : List.copyOf(from.members.values())) {
                        List<String> c = new ArrayList<>(chain);
                        c.add("$=" + src.name());
                        c.addAll(a.source().chain());
                        target.add(a.name(), new Provenance(a.source().file(), a.source().line(), c));
                    }
                }
                continue;
            }
            target.add(word, new Provenance(file, lineNo, chain));
        }
    }

    private void fileClass(String l, int lineNo) {
        Name n = name(l, 1);
        if (n == null) {
            problems.add(ConfigProblem.warning(file, lineNo, "malformed F line"));
            return;
        }
        String rest = l.substring(n.end()).strip();
        boolean optional = false;
        if (rest.startsWith("-o")) {
            // readcf.c skips the whole word that starts with -o: "Fw-o/path" names no file at all
            optional = true;
            int end = 0;
            while (end < rest.length() && rest.charAt(end) != ' ' && rest.charAt(end) != '\t') {
                end++;
            }
            rest = rest.substring(end).strip();
        }
        String path;
        String format;
        if (rest.startsWith("\"")) {
            int close = rest.indexOf('"', 1);
            if (close < 0) {
                problems.add(ConfigProblem.warning(file, lineNo, "unbalanced quote in F line"));
                return;
            }
            path = rest.substring(1, close);
            format = rest.substring(close + 1).strip();
        } else {
            int sp = 0;
            while (sp < rest.length() && rest.charAt(sp) != ' ' && rest.charAt(sp) != '\t') {
                sp++;
            }
            path = rest.substring(0, sp);
            format = rest.substring(sp).strip();
        }
        if (format.isEmpty()) {
            format = "%s";
        }
        if (path.isEmpty()) {
            if (!optional) {
                problems.add(ConfigProblem.error(file, lineNo, "F line names no file"));
            }
            return;
        }
        String classLabel = n.name().length() == 1 ? n.name() : "{" + n.name() + "}";
        Provenance source = new Provenance(file, lineNo, List.of("F" + classLabel));
        AddressClass addressClass = n.name().equals("R") ? AddressClass.RELAY : AddressClass.LOCAL;
        if (path.startsWith("|")) {
            unresolved.add(new UnresolvedReference(path, addressClass,
                    "class from a program: maildrift never runs programs named in sendmail.cf", source));
            return;
        }
        if (!path.startsWith("/")) {
            unresolved.add(new UnresolvedReference(path, addressClass,
                    path.contains("@") ? "class from a map lookup: not read by maildrift"
                            : "relative class file path: depends on sendmail's working directory", source));
            return;
        }
        FilesRoot.Read read = files.read(path);
        if (!read.ok()) {
            if (optional && files.root().isPresent() && read.failure().startsWith("file not found")) {
                return;
            }
            if (!optional && files.root().isPresent() && read.failure().startsWith("file not found")) {
                // a warning, as sendmail gives: it goes on without the class's file
                problems.add(ConfigProblem.warning(file, lineNo, "fileclass: cannot open '" + path
                        + "': No such file or directory (sendmail prints this and goes on)"));
                return;
            }
            unresolved.add(new UnresolvedReference(path, addressClass, read.failure(), source));
            return;
        }
        ScanfFormat scanf = ScanfFormat.parse(format);
        if (scanf == null) {
            unresolved.add(new UnresolvedReference(path, addressClass,
                    "scanf format not modelled by maildrift: " + format, source));
            return;
        }
        ClassSet target = cls(n.name());
        String[] lines = read.text().split("\n", -1);
        List<String> chain = List.of("F" + classLabel, path);
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k];
            if (line.startsWith("#")) {
                continue;
            }
            List<String> words = scanf.words(line);
            if (words.isEmpty()) {
                continue;
            }
            for (String word : words) {
                target.add(word, new Provenance(path, k + 1, chain));
            }
            String after = scanf.trailing(line);
            if (after != null && !after.isBlank() && n.name().equals("w")) {
                problems.add(ConfigProblem.warning(path, k + 1,
                        "only the first word of a class-file line is read; ignored: " + after.strip()));
            }
        }
    }

    private void option(String l, int lineNo) {
        String body = l.substring(1).strip();
        int eq = body.indexOf('=');
        if (eq < 0) {
            return;
        }
        String key = body.substring(0, eq).strip();
        String value = body.substring(eq + 1).strip();
        if (key.equalsIgnoreCase("DontProbeInterfaces")) {
            dontProbe = value.toLowerCase(Locale.ROOT);
        } else if (key.equalsIgnoreCase("DontExpandCnames")) {
            dontExpandCnames = value.regionMatches(true, 0, "t", 0, 1) || value.regionMatches(true, 0, "y", 0, 1);
        } else if (key.equalsIgnoreCase("ServerCertFile")) {
            serverCertFile = value;
            serverCertLine = lineNo;
        } else if (key.equalsIgnoreCase("AliasFile")) {
            aliasFile = value;
            aliasFileLine = lineNo;
        } else if (key.equalsIgnoreCase("ClientPortOptions")) {
            // one option per family; each has Addr= among its comma-separated settings
            for (String part : value.split(",")) {
                String[] kv = part.strip().split("=", 2);
                if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("Addr") && !kv[1].isBlank()) {
                    clientAddresses.add(new SendingSettings.Setting(kv[1].strip(), "ClientPortOptions Addr", file, lineNo));
                }
            }
        }
    }

    /**
     * What sendmail.cf says about the mail sendmail sends: ClientPortOptions Addr= (confCLIENT_OPTIONS), $j in
     * HELO and as the domain of system senders, DS (SMART_HOST) as the relay, and AliasFile (its default
     * /etc/mail/aliases when unset). Masquerading ($M) is not read.
     */
    private SendingSettings sending(String ownName) {
        List<String> unresolved = new ArrayList<>();
        SendingSettings.Setting helo = ownName == null ? null
                : new SendingSettings.Setting(ownName, "$j", file, 0);
        String smart = macros.get("S");
        SendingSettings.Setting relay = null;
        if (smart != null && !smart.isBlank()) {
            String v = smart.strip();
            int colon = v.indexOf(':');
            // "esmtp:[relay.example]" names the mailer first
            if (colon > 0 && !v.startsWith("[") && v.indexOf('[') > colon) {
                v = v.substring(colon + 1);
            }
            relay = new SendingSettings.Setting(v, "DS (SMART_HOST)", file, smartHostLine);
        }
        List<SendingSettings.Setting> domains = ownName == null ? List.of()
                : List.of(new SendingSettings.Setting(ownName, "$j", file, 0));
        List<SendingSettings.Setting> aliases = new ArrayList<>();
        String af = aliasFile == null ? "/etc/mail/aliases" : aliasFile;
        for (String a : af.split(",")) {
            String path = a.strip();
            int colon = path.indexOf(':');
            if (colon > 0 && !path.startsWith("/")) {
                String type = path.substring(0, colon).toLowerCase(Locale.ROOT);
                if (!type.equals("hash") && !type.equals("btree") && !type.equals("dbm") && !type.equals("implicit")) {
                    unresolved.add("AliasFile: " + org.maildrift.files.Printable.of(path, 80) + " is not a file maildrift reads");
                    continue;
                }
                path = path.substring(colon + 1);
            }
            if (!path.isEmpty()) {
                aliases.add(new SendingSettings.Setting(path, "AliasFile", aliasFile == null ? "sendmail default" : file,
                        aliasFileLine));
            }
        }
        return new SendingSettings(true, clientAddresses, helo, relay, domains, aliases, List.of(),
                org.maildrift.mta.aliases.AliasFiles.read(aliases, files), unresolved);
    }

    /**
     * sendmail offers STARTTLS when ServerCertFile (confSERVER_CERT) names a certificate; since 8.16 it may
     * name two, comma-separated (an RSA and an ECDSA one). A macro in the value is not expanded by sendmail
     * for this option, so a path with '$' is reported as not understood.
     */
    private TlsSettings tls() {
        if (serverCertFile == null || serverCertFile.isBlank()) {
            return TlsSettings.none("ServerCertFile (confSERVER_CERT) is not set: sendmail offers no STARTTLS");
        }
        List<CertificateSetting> certs = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (String f : serverCertFile.split(",")) {
            String path = f.strip();
            if (path.contains("$")) {
                unresolved.add("ServerCertFile names a path with a macro, which sendmail does not expand");
            } else if (!path.isEmpty()) {
                certs.add(new CertificateSetting("ServerCertFile", path, file, serverCertLine));
            }
        }
        return new TlsSettings(true, certs, unresolved, null);
    }

    /** Expands $x and ${name} macros as defined so far; unknown macros are empty. */
    private String expand(String s, int lineNo) {
        StringBuilder out = new StringBuilder();
        if (!expandInto(s, out, 0)) {
            problems.add(ConfigProblem.error(file, lineNo, "macro expansion too deep or too long; line not used"));
            return "";
        }
        return out.toString();
    }

    private boolean expandInto(String s, StringBuilder out, int depth) {
        if (depth > MAX_MACRO_DEPTH || out.length() > MAX_EXPANSION_CHARS) {
            return false;
        }
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$' || i + 1 >= s.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = s.charAt(i + 1);
            if (next == '=' || next == '~' || next == '*' || next == '+' || next == '-' || next == '@'
                    || next == ':' || next == '#' || next == '|' || next == '[' || next == ']') {
                out.append(c).append(next);
                i += 2;
                continue;
            }
            if (next == '&') {
                i += 2;
                continue;
            }
            Name n = name(s, i + 1);
            if (n == null) {
                out.append(c);
                i++;
                continue;
            }
            String v = macros.get(n.name());
            if (v != null && !expandInto(v, out, depth + 1)) {
                return false;
            }
            i = n.end();
        }
        return out.length() <= MAX_EXPANSION_CHARS;
    }

    /** S1.5 and S1.6: add $j, then probe interfaces. */
    private void finish() {
        String j = expand(macros.getOrDefault("j", ""), 0);
        ClassSet w = cls("w");
        ownName = j.isEmpty() ? null : j;
        if (!j.isEmpty()) {
            w.add(j, new Provenance(file, 0, List.of("$j (canonical host name)")));
        }
        if (!dontProbe.startsWith("t")) {
            boolean skipLoopbackNames = dontProbe.startsWith("l");
            Provenance probe = new Provenance("interface probe", 0, List.of("DontProbeInterfaces=" + dontProbe));
            for (SendmailHost.Interface ifc : host.interfaces()) {
                if (ifc.address().contains(":")) {
                    continue;
                }
                w.add("[" + ifc.address() + "]", probe);
                if (skipLoopbackNames && ifc.loopback()) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                if (ifc.reverseName() != null) {
                    names.add(ifc.reverseName());
                }
                names.addAll(ifc.reverseAliases());
                for (String name : names) {
                    if (!w.contains(name)) {
                        w.add(name, probe);
                        w.add("[" + name + "]", probe);
                    }
                }
            }
        }
    }

    private HostNames result() {
        ClassSet w = cls("w");
        List<AcceptedName> accepted = new ArrayList<>(w.members.values());
        boolean canonicalizes = canonify.all() && !dontExpandCnames;
        List<String> onlyUnder = new ArrayList<>();
        if (!canonicalizes && canonify.underCanonifyClass() && !dontExpandCnames) {
            ClassSet c = classes.get("Canonify");
            if (c != null) {
                c.members.values().forEach(a -> onlyUnder.add(a.name()));
            }
        }
        if (!unresolved.isEmpty()) {
            problems.add(ConfigProblem.warning(file, 0, unresolved.size()
                    + " class source(s) not read; names from them are unknown"));
        }
        Map<String, AcceptedName> snapshot = Map.copyOf(w.members);
        Map<String, AcceptedName> relay = new LinkedHashMap<>();
        ClassSet r = classes.get("R");
        if (r != null) {
            r.members.forEach((k, a) -> relay.put(k, new AcceptedName(a.name(), AddressClass.RELAY, a.source())));
            accepted.addAll(relay.values());
        }
        if (accessMap != null) {
            unresolved.add(new UnresolvedReference("access map", AddressClass.RELAY,
                    "RELAY entries of the access database are not read by maildrift", accessMap));
        }
        // only class w (local), class R and the access map (relaying permitted) decide acceptance
        boolean hasUnresolved = accessMap != null || unresolved.stream().anyMatch(u -> u.source().chain().contains("Fw")
                || u.source().chain().contains("FR"));
        Map<String, AcceptedName> relaySnapshot = Map.copyOf(relay);
        return new HostNames(SendmailDialect.INSTANCE, accepted, unresolved, List.of(), problems, canonicalizes,
                onlyUnder, domain -> membership(snapshot, relaySnapshot, domain, hasUnresolved), ownName, tls())
                .withSending(sending(ownName));
    }

    /**
     * S2.1: local when the (canonical) host is in $=w; one trailing dot is the canonical form. Else
     * relayed when the domain or a parent domain is in $=R (check_rcpt's "relay" test, without
     * FEATURE(relay_hosts_only)).
     */
    private static Acceptance membership(Map<String, AcceptedName> w, Map<String, AcceptedName> relay, String domain,
            boolean hasUnresolved) {
        if (domain == null || domain.isEmpty()) {
            return Acceptance.no("empty domain");
        }
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        AcceptedName hit = w.get(d.toLowerCase(Locale.ROOT));
        if (hit != null) {
            return Acceptance.yes(AddressClass.LOCAL, "in class w: " + hit.name() + " (" + hit.source().describe() + ")");
        }
        for (String p = d.toLowerCase(Locale.ROOT); p != null; p = p.indexOf('.') > 0 ? p.substring(p.indexOf('.') + 1)
                : null) {
            AcceptedName r = relay.get(p);
            if (r != null) {
                return Acceptance.yes(AddressClass.RELAY, "relaying permitted by class R: " + r.name() + " ("
                        + r.source().describe() + ")");
            }
        }
        if (hasUnresolved) {
            return Acceptance.unknown("not in the class w or R maildrift could read; some of their sources "
                    + "(or the access map) were not read");
        }
        return Acceptance.no("not in class w or class R");
    }

    private static HostNames unreadable(String file, String message) {
        return new HostNames(SendmailDialect.INSTANCE, List.of(), List.of(), List.of(),
                List.of(ConfigProblem.error(file, 0, message)), false, List.of(),
                d -> Acceptance.unknown("configuration could not be read: " + message), null);
    }
}

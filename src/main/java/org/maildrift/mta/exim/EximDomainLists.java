package org.maildrift.mta.exim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.maildrift.files.Printable;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.exim.EximConfig.NamedList;
import org.maildrift.mta.exim.EximConfig.Where;
import org.maildrift.mta.model.Provenance;

/**
 * Exim's domain-list matching (specification chapter 10, match.c): the list is expanded first (only the
 * variables maildrift knows; anything else makes the answer unknown), split at its separator ({@code :},
 * or the one {@code <X} sets, doubled for a literal), and scanned in order; the first item that matches
 * decides, negated by {@code !}; when none does, the answer is "no" unless the last item was negative.
 * Items: {@code +name}, {@code /file} of items, {@code ^regex}, {@code *suffix}, {@code @} (primary_hostname),
 * {@code @[]} (a literal of a local interface), {@code @mx_*} (DNS, unknown here), single-key file lookups
 * ({@code lsearch}, {@code wildlsearch}, {@code nwildlsearch}, {@code dsearch}, {@code cdb} with
 * {@code partial-}, {@code *} and {@code *@}) read under files-root, and exact names, all without regard
 * to case.
 */
public final class EximDomainLists {

    /** Nesting of {@code +name} before a list is called self-referring (Exim would recurse until it crashes). */
    static final int MAX_DEPTH = 16;

    /** What a list says about a domain. */
    public enum Status { MATCH, NO_MATCH, UNKNOWN }

    /**
     * The outcome: the status, the item that decided (with its provenance; null at the end of the list),
     * and for UNKNOWN why, naming the reference that could not be evaluated.
     */
    public record Outcome(Status status, String item, Provenance source, String reason, boolean needsDns) {
        Outcome(Status status, String item, Provenance source, String reason) {
            this(status, item, source, reason, false);
        }

        static Outcome unknown(String reason, Provenance source) {
            return new Outcome(Status.UNKNOWN, null, source, reason);
        }

        /** Unknown only until the domain's MX records are at hand (a rule input, not an unreadable reference). */
        static Outcome dns(String reason, Provenance source) {
            return new Outcome(Status.UNKNOWN, null, source, reason, true);
        }
    }

    /** What the lists depend on besides their text: the host's own names and addresses, and files. */
    public record Facts(String primaryHostname, String qualifyDomain, String qualifyRecipient, List<String> interfaces,
            FilesRoot files, Function<String, FilesRoot.Read> reader) {

        public Facts(String primaryHostname, String qualifyDomain, String qualifyRecipient, List<String> interfaces,
                FilesRoot files) {
            this(primaryHostname, qualifyDomain, qualifyRecipient, interfaces, files, files::read);
        }

        /** A file the mail host has, read under files-root (or the folder that stands for /etc/exim4). */
        public FilesRoot.Read read(String path) {
            return reader.apply(path);
        }

        /** ${if exists{PATH}…}: true, false, or null when maildrift cannot know. */
        Boolean exists(String path) {
            FilesRoot.Read r = read(path);
            if (r.ok()) {
                return true;
            }
            return r.failure().startsWith("file not found") ? Boolean.FALSE : null;
        }
    }

    private final Map<String, NamedList> named;
    private final Facts facts;
    private final java.util.function.BiFunction<String, String, Status> agent;
    private final Map<String, Object> fileCache;
    private final org.maildrift.mta.model.MxLookup mx;

    public EximDomainLists(Map<String, NamedList> named, Facts facts) {
        this(named, facts, (list, domain) -> null);
    }

    /**
     * {@code agent} answers for a named list and a domain what Exim on the mail host said (MATCH or
     * NO_MATCH), or null; it is asked where maildrift's own reading of the list is unknown.
     */
    public EximDomainLists(Map<String, NamedList> named, Facts facts,
            java.util.function.BiFunction<String, String, Status> agent) {
        this(named, facts, agent, new HashMap<>(), null);
    }

    private EximDomainLists(Map<String, NamedList> named, Facts facts,
            java.util.function.BiFunction<String, String, Status> agent, Map<String, Object> fileCache,
            org.maildrift.mta.model.MxLookup mx) {
        this.named = named;
        this.facts = facts;
        this.agent = agent;
        this.fileCache = fileCache;
        this.mx = mx;
    }

    /** The same lists, with the MX records of DNS evidence for {@code @mx_any}, {@code @mx_primary}, {@code @mx_secondary}. */
    public EximDomainLists withMx(org.maildrift.mta.model.MxLookup lookup) {
        return new EximDomainLists(named, facts, agent, fileCache, lookup);
    }

    /** Whether {@code domain} is in {@code +name}. */
    public Outcome inNamed(String name, String domain) {
        NamedList nl = named.get(name);
        if (nl == null) {
            return Outcome.unknown("unknown named domain list \"+" + Printable.of(name, 64) + "\"", null);
        }
        return match(nl.value(), nl.where(), "domainlist " + name, domain, 0);
    }

    /** Whether {@code domain} is in the list {@code value}, written at {@code where} as part of {@code head}. */
    public Outcome match(String value, Where where, String head, String domain) {
        return match(value, where, head, domain, 0);
    }

    private Outcome match(String value, Where where, String head, String domain, int depth) {
        Provenance here = where.provenance(head);
        if (depth > MAX_DEPTH) {
            return Outcome.unknown(head + ": named lists nested more than " + MAX_DEPTH + " deep (a list that refers to itself)",
                    here);
        }
        Expanded x = expand(value, domain);
        if (x.unresolved() != null) {
            return Outcome.unknown(head + ": expansion not evaluated by maildrift: " + x.unresolved(), here);
        }
        if (x.forcedFail()) {
            // Exim: "expansion … forced failure: assume not in this list"
            return new Outcome(Status.NO_MATCH, null, here, null);
        }
        String subject = domain.toLowerCase(Locale.ROOT);
        boolean lastNegative = false;
        for (String raw : items(x.text())) {
            String item = raw;
            boolean negative = false;
            if (item.startsWith("!")) {
                negative = true;
                item = item.substring(1).stripLeading();
            }
            lastNegative = negative;
            if (item.startsWith("+")) {
                String name = item.substring(1);
                NamedList nl = named.get(name);
                if (nl == null) {
                    return Outcome.unknown(head + ": unknown named domain list \"+" + Printable.of(name, 64)
                            + "\" (Exim defers)", here);
                }
                Outcome sub = match(nl.value(), nl.where(), head + " → +" + name, domain, depth + 1);
                if (sub.status() == Status.UNKNOWN) {
                    Status answered = agent.apply(name, domain);
                    if (answered == null) {
                        return sub;
                    }
                    sub = new Outcome(answered, answered == Status.MATCH ? domain : null,
                            new Provenance(nl.where().file(), nl.where().line(), List.of(head + " → +" + name,
                                    "exim -be match_domain on the mail host")), null);
                }
                if (sub.status() == Status.MATCH) {
                    return new Outcome(negative ? Status.NO_MATCH : Status.MATCH, raw, sub.source(), null);
                }
                continue;
            }
            if (item.startsWith("/")) {
                Outcome f = fileOfItems(item, head, here, domain, subject, negative);
                if (f != null) {
                    if (f.status() != Status.NO_MATCH || f.item() != null) {
                        return f;
                    }
                }
                continue;
            }
            Outcome one = single(item, domain, subject, head, where.provenance(head, item));
            if (one.status() == Status.UNKNOWN) {
                return one;
            }
            if (one.status() == Status.MATCH) {
                return new Outcome(negative ? Status.NO_MATCH : Status.MATCH, raw, one.source(), null);
            }
        }
        return lastNegative ? new Outcome(Status.MATCH, null, here, null) : new Outcome(Status.NO_MATCH, null, here, null);
    }

    private Outcome fileOfItems(String path, String head, Provenance here, String domain, String subject, boolean negative) {
        FilesRoot.Read r = facts.read(path);
        if (!r.ok()) {
            return Outcome.unknown(head + ": file of items not read: " + r.failure(), here);
        }
        String[] lines = r.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            int hash = l.indexOf('#');
            if (hash >= 0) {
                l = l.substring(0, hash);
            }
            l = l.strip();
            if (l.isEmpty()) {
                continue;
            }
            boolean neg = negative;
            if (l.startsWith("!")) {
                neg = !neg;
                l = l.substring(1).stripLeading();
            }
            Provenance p = new Provenance(path, i + 1, List.of(head + " → " + path));
            Outcome one = single(l, domain, subject, head, p);
            if (one.status() == Status.UNKNOWN) {
                return one;
            }
            if (one.status() == Status.MATCH) {
                return new Outcome(neg ? Status.NO_MATCH : Status.MATCH, l, p, null);
            }
        }
        return new Outcome(Status.NO_MATCH, null, here, null);
    }

    /** check_string for one item, subject already lower-cased. */
    private Outcome single(String pattern, String domain, String subject, String head, Provenance here) {
        if (pattern.startsWith("^")) {
            Pattern re;
            try {
                re = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException | StackOverflowError e) {
                return Outcome.unknown(head + ": regular expression not understood by maildrift", here);
            }
            try {
                return re.matcher(domain).find() ? new Outcome(Status.MATCH, pattern, here, null) : noMatch(here);
            } catch (StackOverflowError e) {
                return Outcome.unknown(head + ": regular expression too complex to evaluate", here);
            }
        }
        if (pattern.startsWith("*")) {
            String tail = pattern.substring(1);
            return subject.length() >= tail.length()
                    && subject.regionMatches(true, subject.length() - tail.length(), tail, 0, tail.length())
                    ? new Outcome(Status.MATCH, pattern, here, null) : noMatch(here);
        }
        String exact = pattern;
        if (pattern.startsWith("@")) {
            if (pattern.equals("@")) {
                exact = facts.primaryHostname();
            } else if (pattern.equals("@[]")) {
                int n = subject.length();
                if (n == 0 || (subject.charAt(0) != '[' && subject.charAt(n - 1) != ']')) {
                    return noMatch(here);
                }
                String inner = n >= 2 ? subject.substring(1, n - 1) : "";
                for (String a : facts.interfaces()) {
                    if (a.equals(inner)) {
                        return new Outcome(Status.MATCH, pattern, here, null);
                    }
                }
                return noMatch(here);
            } else if (pattern.regionMatches(true, 0, "@mx_", 0, 4) && mxSpecial(pattern.substring(4))) {
                if (mx == null || pattern.toLowerCase(Locale.ROOT).contains("/ignore=")) {
                    return Outcome.dns(head + ": " + pattern + " depends on the domain's MX records in DNS", here);
                }
                return mxMatch(pattern, domain, here);
            }
        }
        int semicolon = exact.indexOf(';');
        if (semicolon < 0) {
            return subject.equalsIgnoreCase(exact) ? new Outcome(Status.MATCH, pattern, here, null) : noMatch(here);
        }
        return lookup(exact.substring(0, semicolon), exact.substring(semicolon + 1), subject, head, here);
    }

    /**
     * Exim's @mx_ items against DNS evidence: an MX record points to this host when its exchange has one of
     * the host's interface addresses. any: some does; primary: one of the lowest preference does;
     * secondary: some does, none of the lowest preference.
     */
    private Outcome mxMatch(String pattern, String domain, Provenance here) {
        List<org.maildrift.mta.model.MxLookup.Mx> records = mx.mx(domain);
        int lowest = records.stream().mapToInt(org.maildrift.mta.model.MxLookup.Mx::preference).min().orElse(0);
        boolean local = false;
        boolean localPrimary = false;
        for (org.maildrift.mta.model.MxLookup.Mx r : records) {
            if (r.addresses().stream().anyMatch(facts.interfaces()::contains)) {
                local = true;
                localPrimary |= r.preference() == lowest;
            }
        }
        String kind = pattern.substring(4).toLowerCase(Locale.ROOT);
        boolean matched = kind.startsWith("any") ? local : kind.startsWith("primary") ? localPrimary : local && !localPrimary;
        if (!matched) {
            return noMatch(here);
        }
        List<String> chain = new ArrayList<>(here.chain());
        chain.add(pattern + ": " + domain + " MX points to this host in DNS");
        return new Outcome(Status.MATCH, pattern, new Provenance(here.file(), here.line(), chain), null);
    }

    private static boolean mxSpecial(String rest) {
        String r = rest.toLowerCase(Locale.ROOT);
        for (String k : new String[] {"any", "primary", "secondary"}) {
            if (r.startsWith(k)) {
                String after = rest.substring(k.length());
                return after.isEmpty() || after.regionMatches(true, 0, "/ignore=", 0, 8);
            }
        }
        return false;
    }

    private static Outcome noMatch(Provenance here) {
        return new Outcome(Status.NO_MATCH, null, here, null);
    }

    private static final java.util.Set<String> QUERY_STYLE = java.util.Set.of("mysql", "pgsql", "sqlite", "ldap",
            "ldapdn", "ldapm", "redis", "dnsdb", "passwd", "testdb", "nisplus", "oracle", "ibase", "whoson", "spf",
            "json", "lmdb", "psl", "readsock", "nis", "nis0");
    private static final java.util.Set<String> FILE_STYLE = java.util.Set.of("lsearch", "wildlsearch", "nwildlsearch",
            "iplsearch", "dsearch", "cdb", "dbm", "dbmnz", "dbmjz");

    private Outcome lookup(String type, String arg, String subject, String head, Provenance here) {
        String t = type;
        int partial = -1;
        String affix = null;
        if (t.startsWith("partial")) {
            t = t.substring(7);
            int digits = 0;
            while (digits < t.length() && Character.isDigit(t.charAt(digits))) {
                digits++;
            }
            partial = digits == 0 ? 2 : Integer.parseInt(t.substring(0, Math.min(digits, 6)));
            t = t.substring(digits);
            if (t.startsWith("(")) {
                int close = 1;
                while (close < t.length() && isPunct(t.charAt(close)) && t.charAt(close) != ')') {
                    close++;
                }
                if (close >= t.length() || t.charAt(close) != ')') {
                    return Outcome.unknown(head + ": format error in lookup type (Exim stops)", here);
                }
                affix = t.substring(1, close);
                t = t.substring(close + 1);
            } else if (t.startsWith("-")) {
                affix = "*.";
                t = t.substring(1);
            } else {
                return Outcome.unknown(head + ": format error in lookup type (Exim stops)", here);
            }
        }
        boolean star = false;
        boolean starAt = false;
        int starPos = t.indexOf('*');
        int comma = t.indexOf(',', Math.max(starPos, 0));
        String name = t;
        if (starPos >= 0) {
            starAt = starPos + 1 < t.length() && t.charAt(starPos + 1) == '@';
            star = !starAt;
            name = t.substring(0, starPos);
        } else if (comma >= 0) {
            name = t.substring(0, comma);
        }
        String options = comma >= 0 ? t.substring(comma + 1) : "";
        if (QUERY_STYLE.contains(name)) {
            return Outcome.unknown(head + ": " + name + " lookup not evaluated by maildrift (a query to a server or database)",
                    here);
        }
        if (!FILE_STYLE.contains(name)) {
            return Outcome.unknown(head + ": unknown lookup type \"" + Printable.of(name, 40) + "\" (Exim stops)", here);
        }
        if (!options.isEmpty() && !options.equals("ret=key") && !options.equals("ret=full")
                && !options.equals("cache=no_rd")) {
            return Outcome.unknown(head + ": lookup options not evaluated by maildrift", here);
        }
        String file = arg.strip();
        if (!file.startsWith("/")) {
            return Outcome.unknown(head + ": " + name + " needs an absolute file name (Exim defers)", here);
        }
        Function<String, Boolean> find;
        String unknownWhy = head + ": a " + name + " key could not be expanded or compiled (Exim defers)";
        switch (name) {
            case "lsearch", "wildlsearch", "nwildlsearch" -> {
                Object table = table(file, name);
                if (table instanceof String failure) {
                    return Outcome.unknown(head + ": " + name + " file not read: " + failure, here);
                }
                LsearchFile lf = (LsearchFile) table;
                String kind = name;
                find = key -> lf.find(key, kind);
            }
            case "dsearch" -> {
                Object table = directory(file);
                if (table instanceof String failure) {
                    return Outcome.unknown(head + ": dsearch directory not read: " + failure, here);
                }
                @SuppressWarnings("unchecked")
                java.util.Set<String> entries = (java.util.Set<String>) table;
                find = key -> !key.contains("/") && entries.contains(key);
            }
            default -> {
                return Outcome.unknown(head + ": " + name + " file (a binary database) not read by maildrift", here);
            }
        }
        Provenance at = new Provenance(file, 0, withTail(here, name + ";" + file));
        Boolean hit = find.apply(subject);
        if (hit == null) {
            return Outcome.unknown(unknownWhy, at);
        }
        if (hit) {
            return new Outcome(Status.MATCH, subject, at, null);
        }
        if (partial >= 0) {
            String key2 = affix.isEmpty() ? subject : affix + subject;
            if (!affix.isEmpty()) {
                hit = find.apply(key2);
                if (hit == null) {
                    return Outcome.unknown(unknownWhy, at);
                }
                if (hit) {
                    return new Outcome(Status.MATCH, key2, at, null);
                }
            }
            int dots = 0;
            for (int i = 0; i < subject.length(); i++) {
                if (subject.charAt(i) == '.') {
                    dots++;
                }
            }
            String rest = subject;
            String aff = affix;
            while (dots-- >= partial) {
                int dot = rest.indexOf('.');
                String key3;
                if (dot < 0) {
                    if (aff.isEmpty()) {
                        break;
                    }
                    key3 = aff.length() > 1 && aff.endsWith(".") ? aff.substring(0, aff.length() - 1) : aff;
                    rest = "";
                } else {
                    rest = rest.substring(dot + 1);
                    key3 = aff + rest;
                }
                hit = find.apply(key3);
                if (hit == null) {
                    return Outcome.unknown(unknownWhy, at);
                }
                if (hit) {
                    return new Outcome(Status.MATCH, key3, at, null);
                }
                if (rest.isEmpty()) {
                    break;
                }
            }
        }
        if (starAt) {
            int at2 = subject.lastIndexOf('@');
            if (at2 >= 0) {
                hit = find.apply("*" + subject.substring(at2));
                if (hit == null) {
                    return Outcome.unknown(unknownWhy, at);
                }
                if (hit) {
                    return new Outcome(Status.MATCH, "*@", at, null);
                }
            }
        }
        if (star || starAt) {
            hit = find.apply("*");
            if (hit == null) {
                return Outcome.unknown(unknownWhy, at);
            }
            if (hit) {
                return new Outcome(Status.MATCH, "*", at, null);
            }
        }
        return noMatch(here);
    }

    private static List<String> withTail(Provenance p, String tail) {
        List<String> c = new ArrayList<>(p.chain());
        c.add(tail);
        return c;
    }

    private static boolean isPunct(char c) {
        return c > 0x20 && c < 0x7f && !Character.isLetterOrDigit(c);
    }

    private Object table(String file, String type) {
        return fileCache.computeIfAbsent(type + ";" + file, k -> {
            FilesRoot.Read r = facts.read(file);
            return r.ok() ? new LsearchFile(r.text(), this) : r.failure();
        });
    }

    private Object directory(String dir) {
        return fileCache.computeIfAbsent("dsearch;" + dir, k -> {
            java.util.Optional<java.nio.file.Path> root = facts.files().root();
            if (root.isEmpty()) {
                return "no files-root given: " + dir + " is not read from the checker's own disk";
            }
            FilesRoot.Located probe = facts.files().locate(dir);
            java.nio.file.Path p = root.get().resolve(dir.substring(1)).normalize();
            if (dir.contains("/../") || dir.endsWith("/..") || !p.startsWith(root.get())) {
                return "path outside files-root refused: " + dir;
            }
            if (!java.nio.file.Files.isDirectory(p)) {
                return probe.ok() ? "not a directory: " + dir : "directory not found under files-root: " + dir;
            }
            try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(p)) {
                java.nio.file.Path real = p.toRealPath();
                if (!real.startsWith(root.get().toRealPath())) {
                    return "link leaves files-root, refused: " + dir;
                }
                return s.map(e -> e.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
            } catch (java.io.IOException e) {
                return "cannot read " + dir;
            }
        });
    }

    /** An lsearch file: its keys in order, as lsearch.c reads them. */
    /** A key of an lsearch file as written, and its line. */
    record Key(String key, int line) {
    }

    static final class LsearchFile {
        private final List<Key> keys = new ArrayList<>();
        private final java.util.Set<String> lower = new java.util.HashSet<>();
        private final EximDomainLists owner;

        LsearchFile(String text, EximDomainLists owner) {
            this.owner = owner;
            String[] lines = text.split("\n", -1);
            for (int n = 0; n < lines.length; n++) {
                String l = lines[n];
                if (l.isEmpty() || l.charAt(0) == '#' || EximConfigParser.isSpace(l.charAt(0))) {
                    continue;
                }
                String key;
                if (l.charAt(0) == '"') {
                    key = EximConfigParser.dequote(l).text();
                } else {
                    int e = 0;
                    while (e < l.length() && l.charAt(e) != ':' && !EximConfigParser.isSpace(l.charAt(e))) {
                        e++;
                    }
                    key = l.substring(0, e);
                }
                keys.add(new Key(key, n + 1));
                lower.add(key.toLowerCase(Locale.ROOT));
            }
        }

        /** The keys as written with their lines, in file order (what the file says is accepted). */
        List<Key> keys() {
            return keys;
        }

        /** TRUE, FALSE, or null when a wildlsearch key cannot be expanded before a match is found (Exim defers). */
        Boolean find(String key, String type) {
            if (type.equals("lsearch")) {
                return lower.contains(key.toLowerCase(Locale.ROOT));
            }
            for (Key entry : keys) {
                String k = entry.key();
                String pattern = k;
                if (type.equals("wildlsearch")) {
                    Expanded x = owner.expand(k, key);
                    if (x.unresolved() != null) {
                        return null;
                    }
                    if (x.forcedFail()) {
                        // a forced failure is "not in the list" for this key
                        continue;
                    }
                    pattern = x.text();
                }
                if (pattern.startsWith("^")) {
                    try {
                        if (Pattern.compile(pattern, Pattern.CASE_INSENSITIVE).matcher(key).find()) {
                            return true;
                        }
                    } catch (PatternSyntaxException | StackOverflowError e) {
                        return null;
                    }
                } else if (pattern.startsWith("*")) {
                    String tail = pattern.substring(1);
                    if (key.length() >= tail.length()
                            && key.regionMatches(true, key.length() - tail.length(), tail, 0, tail.length())) {
                        return true;
                    }
                } else if (pattern.equalsIgnoreCase(key)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The keys of an lsearch-type file the list names, for listing what it accepts; empty when unread. */
    List<Key> lsearchKeys(String file) {
        Object t = table(file, "lsearch");
        return t instanceof LsearchFile lf ? lf.keys() : List.of();
    }

    // ---- expansion and splitting -----------------------------------------------------------------

    /** A list after string expansion, or why maildrift cannot expand it. */
    record Expanded(String text, String unresolved, boolean forcedFail) {
        Expanded(String text, String unresolved) {
            this(text, unresolved, false);
        }
    }

    /**
     * Exim's string expansion, for what a domain list holds in practice: {@code \N…\N} copied as is, backslash
     * escapes, and the variables primary_hostname, qualify_domain, qualify_recipient and domain. Any other
     * expansion item is unresolved.
     */
    Expanded expand(String s, String domain) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 < s.length() && s.charAt(i + 1) == 'N') {
                    int end = s.indexOf("\\N", i + 2);
                    out.append(end < 0 ? s.substring(i + 2) : s.substring(i + 2, end));
                    i = end < 0 ? s.length() : end + 2;
                    continue;
                }
                int[] pos = {i};
                out.append((char) EximConfigParser.escape(s, pos));
                i = pos[0] + 1;
                continue;
            }
            if (c == '$' && s.startsWith("${if", i) && i + 4 < s.length()
                    && (EximConfigParser.isSpace(s.charAt(i + 4)) || s.charAt(i + 4) == '!')) {
                IfExists cond = ifExists(s, i, domain);
                if (cond.unresolved() != null) {
                    return new Expanded(null, cond.unresolved());
                }
                if (cond.forcedFail()) {
                    return new Expanded(null, null, true);
                }
                out.append(cond.text());
                i = cond.end();
                continue;
            }
            if (c == '$') {
                int j = i + 1;
                boolean braced = j < s.length() && s.charAt(j) == '{';
                if (braced) {
                    j++;
                }
                int start = j;
                while (j < s.length() && (EximConfigParser.isNameChar(s.charAt(j)))) {
                    j++;
                }
                String var = s.substring(start, j);
                if (braced && (j >= s.length() || s.charAt(j) != '}')) {
                    return new Expanded(null, "${" + Printable.of(var, 30) + "…}");
                }
                String v = switch (var) {
                    case "primary_hostname" -> facts.primaryHostname();
                    case "qualify_domain" -> facts.qualifyDomain();
                    case "qualify_recipient" -> facts.qualifyRecipient();
                    case "domain" -> domain;
                    default -> null;
                };
                if (v == null) {
                    return new Expanded(null, var.isEmpty() ? "'$' not followed by a variable name" : "$" + Printable.of(var, 40));
                }
                out.append(v);
                i = braced ? j + 1 : j;
                continue;
            }
            out.append(c);
            i++;
        }
        return new Expanded(out.toString(), null);
    }

    private record IfExists(String text, int end, String unresolved, boolean forcedFail) {
        static IfExists unresolved(String why) {
            return new IfExists(null, 0, why, false);
        }
    }

    /**
     * {@code ${if [!]exists{PATH}{YES}{NO}}}, with NO optional or {@code fail} (Debian's hubbed_hosts router):
     * whether the mail host has PATH, read under files-root; any other condition is unresolved.
     */
    private IfExists ifExists(String s, int start, String domain) {
        int i = skipSpace(s, start + 4);
        boolean negate = i < s.length() && s.charAt(i) == '!';
        if (negate) {
            i = skipSpace(s, i + 1);
        }
        if (!s.startsWith("exists", i)) {
            return IfExists.unresolved("${if …} with a condition other than exists");
        }
        i = skipSpace(s, i + 6);
        int[] arg = braced(s, i);
        if (arg == null) {
            return IfExists.unresolved("${if exists…} not understood");
        }
        i = skipSpace(s, arg[1]);
        int[] yes = braced(s, i);
        if (yes == null) {
            return IfExists.unresolved("${if exists…} not understood");
        }
        i = skipSpace(s, yes[1]);
        int[] no = null;
        boolean fail = false;
        if (i < s.length() && s.charAt(i) == '{') {
            no = braced(s, i);
            if (no == null) {
                return IfExists.unresolved("${if exists…} not understood");
            }
            i = skipSpace(s, no[1]);
        } else if (s.startsWith("fail", i)) {
            fail = true;
            i = skipSpace(s, i + 4);
        }
        if (i >= s.length() || s.charAt(i) != '}') {
            return IfExists.unresolved("${if exists…} not understood");
        }
        Expanded path = expand(s.substring(arg[0], arg[1] - 1), domain);
        if (path.unresolved() != null || path.forcedFail()) {
            return IfExists.unresolved(path.unresolved() == null ? "${if exists…}" : path.unresolved());
        }
        Boolean exists = facts.exists(path.text().strip());
        if (exists == null) {
            return IfExists.unresolved("${if exists{" + Printable.of(path.text().strip(), 100)
                    + "}…}: the file is not read (no files-root)");
        }
        boolean take = exists != negate;
        if (!take && fail) {
            return new IfExists(null, i + 1, null, true);
        }
        String branch = take ? s.substring(yes[0], yes[1] - 1) : no == null ? "" : s.substring(no[0], no[1] - 1);
        Expanded x = expand(branch, domain);
        if (x.unresolved() != null) {
            return IfExists.unresolved(x.unresolved());
        }
        if (x.forcedFail()) {
            return new IfExists(null, i + 1, null, true);
        }
        return new IfExists(x.text(), i + 1, null, false);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && EximConfigParser.isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The text inside {…} starting at i: {start, end after the closing brace}; backslashes escape; null if unbalanced. */
    private static int[] braced(String s, int i) {
        if (i >= s.length() || s.charAt(i) != '{') {
            return null;
        }
        int depth = 0;
        for (int k = i; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return new int[] {i + 1, k + 1};
                }
            }
        }
        return null;
    }

    /** string_nextinlist: the items of an expanded list. */
    static List<String> items(String list) {
        List<String> out = new ArrayList<>();
        int sep = 0;
        int s = 0;
        int n = list.length();
        while (true) {
            while (s < n && EximConfigParser.isSpace(list.charAt(s)) && list.charAt(s) != sep) {
                s++;
            }
            if (sep <= 0) {
                if (s < n && list.charAt(s) == '<' && s + 1 < n && (isPunct(list.charAt(s + 1)) || Character.isISOControl(list.charAt(s + 1)))) {
                    sep = list.charAt(s + 1);
                    s += 2;
                    while (s < n && EximConfigParser.isSpace(list.charAt(s)) && list.charAt(s) != sep) {
                        s++;
                    }
                } else {
                    sep = ':';
                }
            }
            if (s >= n) {
                return out;
            }
            boolean special = Character.isISOControl(sep);
            if (list.charAt(s) == sep) {
                if (s + 1 >= n || list.charAt(s + 1) != sep || special) {
                    out.add("");
                    s++;
                    continue;
                }
            }
            StringBuilder g = new StringBuilder();
            while (true) {
                int ss = s + 1;
                while (ss < n && list.charAt(ss) != sep) {
                    ss++;
                }
                g.append(list, s, ss);
                s = ss;
                if (s >= n) {
                    break;
                }
                s++;
                if (s >= n || list.charAt(s) != sep || special) {
                    break;
                }
            }
            int len = g.length();
            while (len > 0 && EximConfigParser.isSpace(g.charAt(len - 1)) && (len == 1 || g.charAt(len - 2) != '\\')) {
                len--;
            }
            g.setLength(len);
            out.add(g.toString());
        }
    }
}

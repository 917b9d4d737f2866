package org.maildrift.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.maildrift.dns.DnsObserver.Question;
import org.maildrift.dns.model.CnameHop;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.inventory.Inventory;
import org.maildrift.mta.model.Acceptance;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.Verdict;
import org.maildrift.dns.model.Security;
import org.maildrift.dns.model.Validated;
import org.maildrift.tls.ServedTls;

/**
 * Everything rules may read for one DNS view: the inventory, what each host accepts, the DNS answers
 * collected for that view, and the watched names. Facts come out as values; anything unknown (a failed
 * lookup, a verdict that depends on an unreadable table, a host whose config the MTA would refuse) is
 * thrown as {@link InconclusiveException}, so a rule cannot mistake it for absence.
 *
 * <p>Names handed to rules are lower-case without the trailing dot. Not thread-safe (routes are memoized).
 */
public final class Evidence {

    /** Why a name is watched. */
    public enum WatchKind {
        NAME("watched name"), DOMAIN("mail domain"), DISCOVERED("name in a watched zone");

        private final String label;

        WatchKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Watched(String name, WatchKind kind) {
    }

    /**
     * One inventory host with what its MTA accepts, its config file as shown to people, the TLS its
     * SMTP server offers with the certificates read, and the keys its DKIM signer signs with.
     */
    public record HostConfig(Inventory.Host host, HostNames names, String configLabel, ServedTls tls,
            org.maildrift.dkim.DkimSigning dkim) {

        /** A host whose certificate files were not read. */
        public HostConfig(Inventory.Host host, HostNames names, String configLabel) {
            this(host, names, configLabel, ServedTls.notRead(names.tls()));
        }

        /** A host without a DKIM signer maildrift reads. */
        public HostConfig(Inventory.Host host, HostNames names, String configLabel, ServedTls tls) {
            this(host, names, configLabel, tls, org.maildrift.dkim.DkimSigning.NONE);
        }

        public String id() {
            return host.id();
        }
    }

    /** Where a host accepts a name: the setting in the MTA's own words, file and line. */
    public record AcceptanceSite(String setting, String file, int line) {
        public String describe() {
            return line > 0 ? setting + " in " + file + " line " + line : setting + " in " + file;
        }
    }

    private final Inventory inventory;
    private final String view;
    private final Map<String, HostConfig> hosts;
    private final List<Watched> watched;
    private final Map<Question, DnsAnswer> answers;
    private final Function<Question, DnsAnswer> fallback;
    private final Map<String, String> addressOwner;
    private final Map<String, Route> routes;
    private final List<Inconclusive> gaps;
    private final Function<Question, Validated> dnssec;
    private Function<String, org.maildrift.tls.PolicyFetch> mtaSts = d -> org.maildrift.tls.PolicyFetch.failed(
            "https://mta-sts." + d + "/.well-known/mta-sts.txt", "no MTA-STS policy source is configured for this check");
    private final Map<String, org.maildrift.tls.PolicyFetch> policies;
    private final Map<String, Object> derivedValues;
    private final Map<Question, Validated> validated;
    /** Watched names and hosts a rule iterates over here: null for all (a focused copy names one). */
    private final List<Watched> focusWatched;
    private final List<HostConfig> focusHosts;
    /** Where this copy records what it is asked (null: not recorded), and the shared records of memoized values. */
    private final Reads reads;
    private final Memo memo;

    /**
     * {@code answers} are the lookups collected for this view (taken over, not copied: later answers from
     * {@code fallback}, which answers any question not collected, are added to it); {@code gaps} are what
     * collection itself could not find out (a failed zone transfer).
     */
    public Evidence(Inventory inventory, String view, List<HostConfig> hosts, List<Watched> watched,
            Map<Question, DnsAnswer> answers, Function<Question, DnsAnswer> fallback, List<Inconclusive> gaps) {
        this(inventory, view, hosts, watched, answers, fallback, gaps, null);
    }

    /**
     * As above, where {@code dnssec} answers the questions DNSSEC decides (TLSA) with their validation
     * state; null when this view's data is authoritative and not validated (zone files, a proposal).
     */
    public Evidence(Inventory inventory, String view, List<HostConfig> hosts, List<Watched> watched,
            Map<Question, DnsAnswer> answers, Function<Question, DnsAnswer> fallback, List<Inconclusive> gaps,
            Function<Question, Validated> dnssec) {
        this.dnssec = dnssec;
        this.routes = new HashMap<>();
        this.addressOwner = new HashMap<>();
        this.policies = new HashMap<>();
        this.derivedValues = new HashMap<>();
        this.validated = new HashMap<>();
        this.focusWatched = null;
        this.focusHosts = null;
        this.reads = null;
        this.memo = null;
        this.gaps = List.copyOf(gaps);
        this.inventory = inventory;
        this.view = view;
        Map<String, HostConfig> byId = new LinkedHashMap<>();
        hosts.forEach(h -> byId.put(h.id(), h));
        this.hosts = Collections.unmodifiableMap(byId);
        this.watched = List.copyOf(watched);
        this.answers = answers;
        this.fallback = fallback;
        for (Inventory.Host h : inventory.hosts()) {
            h.addresses().forEach(a -> addressOwner.put(a, h.id()));
        }
    }

    /** A copy sharing everything with {@code from}, iterating {@code focus…} (null: all), recording into {@code reads}. */
    private Evidence(Evidence from, List<Watched> focusWatched, List<HostConfig> focusHosts, Reads reads, Memo memo) {
        this.inventory = from.inventory;
        this.view = from.view;
        this.hosts = from.hosts;
        this.watched = from.watched;
        this.answers = from.answers;
        this.fallback = from.fallback;
        this.addressOwner = from.addressOwner;
        this.gaps = from.gaps;
        this.dnssec = from.dnssec;
        this.mtaSts = from.mtaSts;
        this.policies = from.policies;
        this.validated = from.validated;
        this.routes = memo != null ? memo.routes : from.routes;
        this.derivedValues = memo != null ? memo.derived : from.derivedValues;
        this.focusWatched = focusWatched;
        this.focusHosts = focusHosts;
        this.reads = reads;
        this.memo = memo;
    }

    /**
     * What a rule asked of the evidence while it ran: the DNS names (each name on an answer's chain), the
     * hosts whose configuration it read, and whether it read what no name or host stands for (every host,
     * every watched name, the address owners, the inventory itself, or the estate as a whole). A rule's
     * result for one subject is a function of these alone, so it stands as long as none of them changes.
     */
    public static final class Reads {
        private static final String[] NONE = new String[0];
        private static final Reads[] NO_PARTS = new Reads[0];
        private Set<String> names;
        private Set<String> hostIds;
        /** Records taken over whole (a memoized route's), shared rather than copied; distinct by identity. */
        private Set<Reads> taken;
        private String[] nameList = NONE;
        private String[] hostList = NONE;
        private Reads[] parts = NO_PARTS;
        private boolean allHosts;
        private boolean allWatched;
        private boolean owners;
        private boolean estate;

        void name(String canonical) {
            if (names == null) {
                names = new java.util.HashSet<>();
            }
            names.add(canonical);
        }

        void host(String id) {
            if (hostIds == null) {
                hostIds = new java.util.HashSet<>();
            }
            hostIds.add(id);
        }

        /** Everything {@code o} read counts as read here too; {@code o} is kept by reference, not copied. */
        void add(Reads o) {
            if (o == this) {
                return;
            }
            if (taken == null) {
                taken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                taken.addAll(List.of(parts));
            }
            taken.add(o);
        }

        /** This record, kept small: what was read, as arrays. */
        Reads compact() {
            if (names != null) {
                Set<String> all = new java.util.HashSet<>(names);
                all.addAll(List.of(nameList));
                nameList = all.toArray(NONE);
                names = null;
            }
            if (hostIds != null) {
                Set<String> all = new java.util.HashSet<>(hostIds);
                all.addAll(List.of(hostList));
                hostList = all.toArray(NONE);
                hostIds = null;
            }
            if (taken != null) {
                parts = taken.toArray(NO_PARTS);
                taken = null;
            }
            return this;
        }

        /**
         * Everything read here and in the records taken over, flattened and distinct: for a union of many
         * records that share parts (the subjects' routes), so that each part is tested once.
         */
        Reads union(List<Reads> records) {
            Set<Reads> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            java.util.ArrayDeque<Reads> todo = new java.util.ArrayDeque<>(records);
            while (!todo.isEmpty()) {
                Reads r = todo.pop();
                if (!seen.add(r)) {
                    continue;
                }
                r.compact();
                for (String n : r.nameList) {
                    name(n);
                }
                for (String h : r.hostList) {
                    host(h);
                }
                allHosts |= r.allHosts;
                allWatched |= r.allWatched;
                owners |= r.owners;
                estate |= r.estate;
                todo.addAll(List.of(r.parts));
            }
            return compact();
        }

        /** True when something read here is something the change alters. */
        public boolean touches(Delta change) {
            compact();
            if (estate || owners && change.owners() || allWatched && change.watched()
                    || allHosts && !change.hosts().isEmpty()) {
                return true;
            }
            if (!change.hosts().isEmpty()) {
                for (String h : hostList) {
                    if (change.hosts().contains(h)) {
                        return true;
                    }
                }
            }
            for (String n : nameList) {
                if (change.names().test(n)) {
                    return true;
                }
            }
            for (Reads p : parts) {
                if (p.touches(change)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * What a proposal alters in one view: DNS names whose data may differ ({@code names} takes canonical names),
     * hosts whose configuration or inventory entry differs, whether the watched names differ, whether any
     * address changes owner.
     */
    public record Delta(java.util.function.Predicate<String> names, Set<String> hosts, boolean watched, boolean owners) {
        public Delta {
            hosts = Set.copyOf(hosts);
        }
    }

    /** Memoized routes and derived values of a recording copy, with what computing each one read. */
    private static final class Memo {
        final Map<String, Route> routes = new HashMap<>();
        final Map<String, Reads> routeReads = new HashMap<>();
        final Map<String, Object> derived = new HashMap<>();
        final Map<String, Reads> derivedReads = new HashMap<>();
    }

    /**
     * A recording copy of this evidence for finding out what rules depend on: {@link #focusOn} copies of it
     * share its memoized routes, so what computing a route read is recorded once and charged to every asker.
     */
    public Evidence recording() {
        return new Evidence(this, null, null, new Reads(), new Memo());
    }

    /** A copy that iterates one watched name ({@code w}) or one host ({@code h}), recording into {@code into} when this copy records. */
    public Evidence focusOn(Watched w, HostConfig h, Reads into) {
        return new Evidence(this, w == null ? null : List.of(w), h == null ? null : List.of(h),
                memo == null ? null : into, memo);
    }

    /** The same evidence, all of it iterated, recording into {@code into} when this copy records. */
    public Evidence whole(Reads into) {
        return new Evidence(this, null, null, memo == null ? null : into, memo);
    }

    private void readHost(String id) {
        if (reads != null) {
            reads.host(id);
        }
    }

    private void readEstate() {
        if (reads != null) {
            reads.estate = true;
        }
    }

    /**
     * A value derived from this evidence alone, computed once however many rules ask for it (the names DANE
     * senders look up, say). {@code key} names the derivation.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(String key, Function<Evidence, T> compute) {
        Object v = derivedValues.get(key);
        if (v == null) {
            if (memo == null) {
                v = compute.apply(focusWatched == null && focusHosts == null ? this : new Evidence(this, null, null, null, null));
            } else {
                // computed from the whole evidence, whatever this copy iterates; what it read is charged to every asker
                Reads r = new Reads();
                v = compute.apply(new Evidence(this, null, null, r, memo));
                memo.derivedReads.put(key, r.compact());
            }
            derivedValues.put(key, v);
        }
        if (reads != null) {
            reads.add(memo.derivedReads.get(key));
        }
        return (T) v;
    }

    /** The same evidence watching other names (answers collected so far are kept). */
    public Evidence watching(List<Watched> other) {
        return new Evidence(inventory, view, List.copyOf(hosts.values()), other, answers, fallback, gaps, dnssec)
                .withMtaSts(mtaSts);
    }

    /** This evidence, with where MTA-STS policies come from (the inventory's files, or HTTPS); returns itself. */
    public Evidence withMtaSts(Function<String, org.maildrift.tls.PolicyFetch> source) {
        this.mtaSts = source;
        return this;
    }

    /** The MTA-STS policy of a domain as fetched (or read from the inventory's file), memoized. */
    public org.maildrift.tls.PolicyFetch mtaStsPolicy(String domain) {
        return policies.computeIfAbsent(plain(domain), mtaSts);
    }

    /** How many of the DNS answers ended in each outcome (answer, nxdomain, …, check-error). */
    public Map<String, Long> outcomeCounts() {
        readEstate();
        Map<String, Long> out = new java.util.TreeMap<>();
        for (DnsAnswer a : answers.values()) {
            String label = a.error() != null ? a.error().label() : a.outcome().label();
            out.merge(label, 1L, Long::sum);
        }
        return out;
    }

    /** Every answer collected (or asked for since), as a read-only view. */
    public Map<Question, DnsAnswer> collected() {
        readEstate();
        return Collections.unmodifiableMap(answers);
    }

    /** The same estate and view with other hosts, watched names and DNS (a pre-change check's proposal). */
    public Evidence proposed(Inventory otherInventory, List<HostConfig> otherHosts, List<Watched> otherWatched,
            Function<Question, DnsAnswer> dns) {
        return new Evidence(otherInventory, view, otherHosts, otherWatched, new LinkedHashMap<>(), dns, gaps)
                .withMtaSts(mtaSts);
    }

    /** True when this view was asked something and every lookup failed: the view could not be seen at all. */
    public boolean lookupsAllFailed() {
        readEstate();
        return !answers.isEmpty() && answers.values().stream().noneMatch(a -> a.outcome().isFact());
    }

    /** How many DNS answers this evidence holds (collected, plus any asked for later). */
    public int answerCount() {
        readEstate();
        return answers.size();
    }

    public List<Inconclusive> gaps() {
        return gaps;
    }

    public Inventory inventory() {
        readEstate();
        return inventory;
    }

    public String view() {
        return view;
    }

    /** Every host (a focused copy: the one it is focused on). */
    public List<HostConfig> hosts() {
        if (focusHosts != null) {
            focusHosts.forEach(h -> readHost(h.id()));
            return focusHosts;
        }
        if (reads != null) {
            reads.allHosts = true;
        }
        return List.copyOf(hosts.values());
    }

    public HostConfig host(String id) {
        readHost(id);
        return hosts.get(id);
    }

    /** Watched names in inventory order: names, then domains, then names discovered in watched zones. */
    public List<Watched> watched() {
        if (focusWatched != null) {
            return focusWatched;
        }
        if (reads != null) {
            reads.allWatched = true;
        }
        return watched;
    }

    /** The inventory host that owns an address, if any. */
    public Optional<String> owner(String address) {
        if (reads != null) {
            reads.owners = true;
        }
        return Optional.ofNullable(addressOwner.get(address));
    }

    /** The answer as collected, whatever its outcome. */
    public DnsAnswer answer(String name, RecordType type) {
        Question q = new Question(DnsNames.canonical(name), type);
        DnsAnswer a = answers.get(q);
        if (a == null) {
            a = fallback.apply(q);
            answers.put(q, a);
        }
        if (reads != null) {
            reads.name(q.name());
            for (CnameHop h : a.chain()) {
                reads.name(DnsNames.canonical(h.alias()));
                reads.name(DnsNames.canonical(h.target()));
            }
        }
        return a;
    }

    /** The answer when it is a fact (answer, NXDOMAIN, NODATA, CNAME defect); otherwise inconclusive. */
    public DnsAnswer fact(String name, RecordType type) {
        DnsAnswer a = answer(name, type);
        if (!a.outcome().isFact()) {
            throw new InconclusiveException(new Inconclusive(DnsNames.relative(a.name()), type.name(),
                    a.error().label(), a.server(), a.view(), a.detail()));
        }
        return a;
    }

    /**
     * The answer with its DNSSEC state, for questions where validation decides what senders do (TLSA).
     * A live view validates from its trust anchors; zone files and proposals give UNVALIDATED. An answer
     * that is neither a fact nor BOGUS is inconclusive (thrown), as with {@link #fact}.
     */
    public Validated validated(String name, RecordType type) {
        Question q = new Question(DnsNames.canonical(name), type);
        if (dnssec != null) {
            // a proposal is not validated: nothing validated here carries over to it
            readEstate();
        }
        Validated v = validated.get(q);
        if (v != null && dnssec == null && reads != null) {
            answer(name, type);
        }
        if (v == null) {
            v = dnssec == null ? new Validated(answer(name, type), Security.UNVALIDATED, null) : dnssec.apply(q);
            validated.put(q, v);
        }
        if (v.security() != Security.BOGUS && !v.answer().outcome().isFact()) {
            DnsAnswer a = v.answer();
            throw new InconclusiveException(new Inconclusive(DnsNames.relative(a.name()), type.name(),
                    a.error().label(), a.server(), a.view(), v.reason() != null ? v.reason() : a.detail()));
        }
        return v;
    }

    /** True when this view's TLSA answers are validated (a live view), false for zone files and proposals. */
    public boolean validates() {
        if (dnssec != null) {
            // a proposal is not validated: a result that depends on validation does not carry over to it
            readEstate();
        }
        return dnssec != null;
    }

    /** The addresses of a name (A and AAAA, through its chain); empty when it has none. */
    public List<String> addresses(String name) {
        List<String> out = new ArrayList<>();
        for (RecordType t : List.of(RecordType.A, RecordType.AAAA)) {
            DnsAnswer a = fact(name, t);
            if (a.outcome() == Outcome.ANSWER) {
                out.addAll(a.records());
            }
        }
        return out;
    }

    /**
     * The host's verdict for a recipient domain. Inconclusive when it depends on something unreadable,
     * or when the MTA would refuse the host's configuration (the host accepts nothing until it is fixed).
     */
    public Acceptance acceptance(String hostId, String domain) {
        readHost(hostId);
        HostConfig h = hosts.get(hostId);
        if (!h.names().errors().isEmpty()) {
            throw new InconclusiveException(new Inconclusive(domain, "accepts", "config-invalid", hostId, null,
                    h.names().errors().get(0).describe()));
        }
        // rules that depend on the domain's MX records (Exim's @mx_any) ask this view's DNS; a failed lookup
        // makes the verdict inconclusive, never "no"
        Acceptance a = h.names().accepts(domain, this::mxRecords);
        if (a.verdict() == Verdict.UNKNOWN) {
            throw new InconclusiveException(new Inconclusive(domain, "accepts", "unknown", hostId, null, a.reason()));
        }
        return a;
    }

    /** The MX records of a name with their exchanges' addresses, as this view's DNS has them. */
    private List<org.maildrift.mta.model.MxLookup.Mx> mxRecords(String name) {
        DnsAnswer mx = fact(name, RecordType.MX);
        List<org.maildrift.mta.model.MxLookup.Mx> out = new ArrayList<>();
        if (mx.outcome() != Outcome.ANSWER) {
            return out;
        }
        for (String rec : mx.records()) {
            String[] parts = rec.split(" ", 2);
            if (parts.length < 2 || parts[1].equals(".")) {
                continue;
            }
            String exchange = DnsNames.relative(parts[1]);
            out.add(new org.maildrift.mta.model.MxLookup.Mx(Integer.parseInt(parts[0]), exchange, addresses(exchange)));
        }
        return out;
    }

    public boolean accepts(String hostId, String domain) {
        return acceptance(hostId, domain).verdict() == Verdict.YES;
    }

    /**
     * Where a fix for {@code name} belongs on this host: the setting and line that accept
     * {@code besides} (a name the host already accepts), else the first setting of that class, else
     * the class's main setting in the config file.
     */
    public AcceptanceSite siteFor(String hostId, String besides, AddressClass cls) {
        readHost(hostId);
        HostConfig h = hosts.get(hostId);
        AcceptedName first = null;
        for (AcceptedName a : h.names().accepted()) {
            // only an entry written directly in the setting tells the setting's own line
            if (a.addressClass() != cls || a.source().line() <= 0 || a.source().chain().size() > 1) {
                continue;
            }
            if (besides != null && a.name().equalsIgnoreCase(besides)) {
                return site(h, a);
            }
            if (first == null) {
                first = a;
            }
        }
        if (first != null) {
            return site(h, first);
        }
        return new AcceptanceSite(defaultSetting(h, cls), h.configLabel(), 0);
    }

    private AcceptanceSite site(HostConfig h, AcceptedName a) {
        return new AcceptanceSite(h.names().dialect().settingOf(a), label(a.source().file()), a.source().line());
    }

    private static String defaultSetting(HostConfig h, AddressClass cls) {
        return h.names().dialect().listSetting(cls);
    }

    /** A file name as people see it: relative to the inventory's folder when inside it. */
    public String label(String file) {
        if (file == null || file.isEmpty()) {
            return file;
        }
        java.nio.file.Path folder = inventory.file().toAbsolutePath().getParent();
        try {
            java.nio.file.Path p = java.nio.file.Path.of(file);
            if (folder != null && p.isAbsolute() && p.startsWith(folder)) {
                return folder.relativize(p).toString();
            }
        } catch (java.nio.file.InvalidPathException e) {
            return file;
        }
        return file;
    }

    /**
     * Accepted names worth asking DNS about: fully qualified names, not address literals, patterns or
     * localhost; one entry per name and class, in the order the host lists them.
     */
    public static List<AcceptedName> checkableNames(HostNames names) {
        Set<String> seen = new java.util.HashSet<>();
        List<AcceptedName> out = new ArrayList<>();
        for (AcceptedName a : names.accepted()) {
            String n = plain(a.name());
            if (isCheckable(n) && seen.add(n + "|" + a.addressClass())) {
                out.add(a);
            }
        }
        return out;
    }

    /** True for a fully qualified host or domain name that is not localhost. */
    public static boolean isCheckable(String name) {
        String n = plain(name);
        if (n.isEmpty() || n.indexOf('.') < 0 || n.startsWith(".") || n.startsWith("localhost.") || n.length() > 253) {
            return false;
        }
        for (String label : n.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                    return false;
                }
            }
        }
        return !n.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    /** Lower-case, without a trailing dot. */
    public static String plain(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** Text with the inventory folder's absolute path cut from file names, as people see them. */
    public String tidy(String text) {
        if (text == null) {
            return null;
        }
        java.nio.file.Path folder = inventory.file().toAbsolutePath().getParent();
        if (folder == null) {
            return text;
        }
        String prefix = folder.toString() + java.io.File.separator;
        return text.replace(prefix, "");
    }

    /** Where DNS sends mail for a name; memoized. */
    public Route route(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        Route r = routes.get(key);
        if (r == null) {
            if (memo == null) {
                r = computeRoute(key);
            } else {
                Reads routeRead = new Reads();
                Evidence recorder = new Evidence(this, focusWatched, focusHosts, routeRead, memo);
                try {
                    r = recorder.computeRoute(key);
                } finally {
                    if (reads != null) {
                        reads.add(routeRead);
                    }
                }
                memo.routeReads.put(key, routeRead.compact());
            }
            routes.put(key, r);
        } else if (reads != null) {
            reads.add(memo.routeReads.get(key));
        }
        return r;
    }

    private Route computeRoute(String name) {
        DnsAnswer mx = fact(name, RecordType.MX);
        List<CnameHop> chain = mx.chain();
        String canonical = DnsNames.relative(mx.finalName());
        if (mx.outcome().isCnameDefect()) {
            return new Route(name, Route.Status.CNAME_DEFECT, chain, canonical, false, List.of());
        }
        if (mx.outcome() == Outcome.NXDOMAIN) {
            return new Route(name, Route.Status.NXDOMAIN, chain, canonical, false, List.of());
        }
        List<Route.Target> targets = new ArrayList<>();
        boolean implicit = mx.outcome() == Outcome.NODATA;
        if (implicit) {
            targets.add(new Route.Target(canonical, 0, List.of(), addresses(name)));
        } else {
            List<String[]> exchanges = new ArrayList<>();
            for (String rec : mx.records()) {
                String[] parts = rec.split(" ", 2);
                exchanges.add(parts);
            }
            exchanges.sort((a, b) -> Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));
            if (exchanges.size() == 1 && exchanges.get(0)[1].equals(".")) {
                return new Route(name, Route.Status.NULL_MX, chain, canonical, false, List.of());
            }
            for (String[] e : exchanges) {
                if (e[1].equals(".")) {
                    continue;
                }
                String exchange = DnsNames.relative(e[1]);
                DnsAnswer a = fact(exchange, RecordType.A);
                targets.add(new Route.Target(exchange, Integer.parseInt(e[0]), a.chain(), addresses(exchange)));
            }
        }
        boolean any = targets.stream().anyMatch(t -> !t.addresses().isEmpty());
        return new Route(name, any ? Route.Status.ROUTED : Route.Status.NO_ADDRESS, chain, canonical, implicit,
                targets);
    }

    /** The inventory hosts mail for a routed name reaches, in target order. */
    public List<String> hostsReached(Route route) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : route.addresses()) {
            owner(a).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** {@code alias CNAME target}, both without the trailing dot: one step of a chain. */
    public static Step hop(CnameHop h) {
        return new Step.AliasHop(DnsNames.relative(h.alias()), DnsNames.relative(h.target()));
    }

    /** The steps of a route: the chain, then each target with its addresses and owners. */
    public List<Step> describe(Route route) {
        List<Step> steps = new ArrayList<>();
        for (CnameHop h : route.chain()) {
            steps.add(hop(h));
        }
        if (!route.implicit()) {
            for (Route.Target t : route.targets()) {
                steps.add(new Step.Exchange(route.canonical(), t.preference(), t.name()));
            }
        }
        for (Route.Target t : route.targets()) {
            for (CnameHop h : t.chain()) {
                steps.add(hop(h));
            }
            String shown = t.chain().isEmpty() ? t.name() : DnsNames.relative(t.chain().get(t.chain().size() - 1).target());
            if (t.addresses().isEmpty()) {
                steps.add(new Step.NoAddress(shown, route.implicit()));
            }
            for (String a : t.addresses()) {
                steps.add(new Step.Address(shown, a, owner(a).orElse(null), route.implicit()));
            }
        }
        return steps;
    }
}

package org.maildrift.collect;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.maildrift.dns.DnsObserver.Question;
import org.maildrift.dns.DnsObserver;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.dns.resolver.DnsView;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.dns.transfer.ZoneTransfer;
import org.maildrift.dns.zonefile.ZoneData;
import org.maildrift.dns.zonefile.ZoneFileDnsObserver;
import org.maildrift.inventory.Inventory;
import org.maildrift.mail.Mta;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.postfix.tables.AgentTableAnswers;
import org.maildrift.mta.postfix.tables.TableAccess;
import org.maildrift.mta.postfix.tables.TableConnections;
import org.maildrift.mta.postfix.tables.TableOverride;
import org.maildrift.mta.readers.MtaConfigReader;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.InconclusiveException;

/**
 * Collects evidence for one inventory: one {@link Evidence} per DNS source (the zone files, then each
 * view). DNS questions go out in two batches (names, MX and PTR first; then the addresses of the MX
 * exchanges and PTR targets), so a live view is asked concurrently. Keeps the resolvers open until
 * closed, so that rules may still ask a question collection did not foresee.
 */
public final class EvidenceCollector implements AutoCloseable {

    private final Inventory inventory;
    private final ResolverDnsObserver.Settings settings;
    private final List<ResolverDnsObserver> open = new ArrayList<>();
    private final List<TableConnections> tables = new ArrayList<>();
    private final Map<String, org.maildrift.tls.PolicyFetch> policies = new java.util.concurrent.ConcurrentHashMap<>();
    private org.maildrift.tls.PolicyFetcher fetcher;
    private java.util.function.Function<String, java.util.Optional<Path>> pushedChains = host -> java.util.Optional.empty();
    private java.util.function.Function<String, java.util.Optional<Path>> pushedDkim = host -> java.util.Optional.empty();
    private final Map<String, org.maildrift.dns.resolver.ValidatingLookups> validating = new java.util.HashMap<>();
    private final Map<String, String> notValidating = new java.util.HashMap<>();
    private final Map<String, TableAccess> accessByHost = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.function.Function<String, java.util.Optional<Path>> pushed;
    private final java.util.function.Function<String, java.util.Optional<Path>> answers;

    public EvidenceCollector(Inventory inventory, ResolverDnsObserver.Settings settings) {
        this(inventory, settings, host -> java.util.Optional.empty());
    }

    /** {@code pushed} gives the configuration a host's agent pushed last, for hosts with {@code config: agent}. */
    public EvidenceCollector(Inventory inventory, ResolverDnsObserver.Settings settings,
            java.util.function.Function<String, java.util.Optional<Path>> pushed) {
        this(inventory, settings, pushed, host -> java.util.Optional.empty());
    }

    /** {@code answers} gives the table answers a host's agent pushed last ({@code postmap -q} on the host). */
    public EvidenceCollector(Inventory inventory, ResolverDnsObserver.Settings settings,
            java.util.function.Function<String, java.util.Optional<Path>> pushed,
            java.util.function.Function<String, java.util.Optional<Path>> answers) {
        this.inventory = inventory;
        this.settings = settings;
        this.pushed = pushed;
        this.answers = answers;
    }

    /** What each host accepts, read from its configuration (never throws; problems are in the result). */
    public List<Evidence.HostConfig> readHosts() {
        List<Evidence.HostConfig> hosts = new ArrayList<>();
        Path folder = inventory.file().toAbsolutePath().getParent();
        List<String> watched = new ArrayList<>(inventory.watch().names());
        watched.addAll(inventory.watch().domains());
        for (Inventory.Host h : inventory.hosts()) {
            FilesRoot files = h.filesRoot() == null ? FilesRoot.none() : FilesRoot.at(h.filesRoot());
            Mta kind = h.mta();
            Path source = h.pushedByAgent() ? pushed.apply(h.id()).orElse(null) : h.config();
            if (source == null) {
                hosts.add(new Evidence.HostConfig(h, MtaConfigReader.unreadable(kind, "agent:" + h.id(),
                        "no configuration pushed by the host's agent yet (config: agent; only the service receives "
                                + "pushes)"), "agent:" + h.id()));
                continue;
            }
            // the host's database tables stay reachable until close(): rules ask about names after reading
            TableConnections databases = new TableConnections(h.tables().stream()
                    .map(t -> new TableOverride(t.file(), t.hosts(), t.user(), t.passwordFile(), t.dbname(), t.dbpath()))
                    .toList());
            tables.add(databases);
            TableAccess access = h.pushedByAgent() ? agentAnswers(h.id()) : databases;
            accessByHost.put(h.id(), access);
            HostNames names = MtaConfigReader.read(kind, source, h.hostname(), h.interfaces(), files, access);
            // tables asked per name (SQL, LDAP) learn the watched names four at a time, before the rules ask;
            // a host without such tables does nothing here
            names.prefetch(watched);
            Path config = source.toAbsolutePath();
            String label = h.pushedByAgent() ? "agent:" + h.id() + " (" + source.getFileName() + ")"
                    : folder != null && config.startsWith(folder) ? folder.relativize(config).toString()
                    : config.toString();
            // the certificates the SMTP server presents: read under files-root (only CERTIFICATE blocks)
            org.maildrift.tls.ServedTls tls = h.pushedByAgent() ? pushedTls(h.id(), names)
                    : org.maildrift.tls.ServedTls.read(names.tls(), files);
            // the DKIM signer's keys: only the public half of each is kept
            org.maildrift.dkim.DkimSigning dkim = h.opendkim() != null
                    ? org.maildrift.dkim.OpenDkimConfig.read(h.opendkim(), files)
                    : names.dkim().signers().isEmpty() && names.dkim().unresolved().isEmpty()
                            ? org.maildrift.dkim.DkimSigning.NONE
                            : org.maildrift.dkim.DkimKeys.of(kind.label(), names.dkim(), files);
            // rspamd signs for the domains its configuration names and, by its fallback, for the senders'
            List<String> senders = h.rspamd() == null && !h.pushedByAgent() ? List.of() : senderDomains(h, names);
            if (h.rspamd() != null) {
                dkim = dkim.and(org.maildrift.dkim.RspamdDkimConfig.read(h.rspamd(), senders, files));
            }
            if (h.pushedByAgent()) {
                dkim = dkim.and(pushedDkim(h.id(), senders));
            }
            hosts.add(new Evidence.HostConfig(h, names, label, tls, dkim));
        }
        return hosts;
    }

    /** Reads agents' tls-chain pushes from here (the service's store); without it, agent hosts' keys are unknown. */
    public EvidenceCollector usePushedCertificates(java.util.function.Function<String, java.util.Optional<Path>> chains) {
        this.pushedChains = chains;
        return this;
    }

    private static List<String> senderDomains(Inventory.Host h, HostNames names) {
        List<String> out = new ArrayList<>();
        names.sending().domains().forEach(d -> out.add(d.value()));
        out.addAll(h.sendsFor());
        return out;
    }

    /** Reads agents' dkim pushes from here (the service's store); without it, agent hosts' DKIM keys are unknown. */
    public EvidenceCollector usePushedDkim(java.util.function.Function<String, java.util.Optional<Path>> dkim) {
        this.pushedDkim = dkim;
        return this;
    }

    /** The DKIM signing an agent host pushed (dkim), or none when it pushed nothing. */
    private org.maildrift.dkim.DkimSigning pushedDkim(String host, List<String> senders) {
        java.util.Optional<Path> file = pushedDkim.apply(host);
        if (file.isEmpty()) {
            return org.maildrift.dkim.DkimSigning.NONE;
        }
        try {
            return org.maildrift.dkim.PushedDkim.read(org.maildrift.files.TextFile.read(file.get(), 1024 * 1024),
                    senders, "agent:" + host + " (rspamadm configdump)");
        } catch (java.io.IOException e) {
            return new org.maildrift.dkim.DkimSigning("rspamd", List.of(), List.of("agent:" + host
                    + ": the pushed dkim cannot be read: " + org.maildrift.files.TextFile.describe(e)));
        }
    }

    /** The certificates an agent host pushed (tls-chain), matched to the paths its pushed configuration names. */
    private org.maildrift.tls.ServedTls pushedTls(String host, HostNames names) {
        java.util.Optional<Path> file = pushedChains.apply(host);
        if (file.isEmpty()) {
            return org.maildrift.tls.ServedTls.fromPushed(names.tls(), path -> null);
        }
        try {
            java.util.Map<String, String> chains = org.maildrift.tls.PushedChains.parse(
                    org.maildrift.files.TextFile.read(file.get(), 1024 * 1024));
            return org.maildrift.tls.ServedTls.fromPushed(names.tls(), chains::get);
        } catch (java.io.IOException e) {
            return org.maildrift.tls.ServedTls.notRead(names.tls());
        }
    }

    /** The database tables of a host as the last reading reached them (for a pre-change check's proposal). */
    public TableAccess tables(String hostId) {
        return accessByHost.getOrDefault(hostId, TableAccess.NONE);
    }

    /** What the host's agent answered with postmap -q; before its first answers, every such lookup is pending. */
    private TableAccess agentAnswers(String host) {
        java.util.Optional<Path> file = answers.apply(host);
        if (file.isEmpty()) {
            return (type, table, files) -> TableAccess.Opened.not(type + ":" + table
                    + ": the host's agent has not pushed table answers yet");
        }
        try {
            return AgentTableAnswers.parse(org.maildrift.files.TextFile.read(file.get(), 1024 * 1024));
        } catch (java.io.IOException e) {
            return (type, table, files) -> TableAccess.Opened.not(type + ":" + table
                    + ": the agent's table answers cannot be read: " + org.maildrift.files.TextFile.describe(e));
        }
    }

    /** Evidence for every DNS source of the inventory: zone files first, then the views in order. */
    public List<Evidence> collect() throws CollectionException {
        List<Evidence.HostConfig> hosts = readHosts();
        List<Evidence> out = new ArrayList<>();
        ZoneFileDnsObserver zoneFiles = null;
        List<Inconclusive> unreadableZones = new ArrayList<>();
        if (!inventory.dns().zoneFiles().isEmpty()) {
            // one zone file that cannot be read makes its own names unknown; the others are checked
            zoneFiles = ZoneFileDnsObserver.loadEach(inventory.dns().zoneFiles());
            for (ZoneFileDnsObserver.Unreadable u : zoneFiles.unreadable()) {
                unreadableZones.add(new Inconclusive(Evidence.plain(u.apex()), "zone",
                        org.maildrift.dns.model.CheckError.ZONE_UNREADABLE.label(), u.file(), ZoneFileDnsObserver.VIEW,
                        "names of " + Evidence.plain(u.apex()) + " are unknown: " + u.reason()));
            }
        }
        for (String zone : inventory.watch().zones()) {
            boolean loaded = zoneFiles != null && (zoneFiles.zones().stream()
                    .anyMatch(z -> Evidence.plain(z.apex()).equals(zone)) || zoneFiles.unreadable().stream()
                    .anyMatch(u -> Evidence.plain(u.apex()).equals(zone)));
            if (!loaded && !inventory.dns().transfers().contains(zone)) {
                throw new CollectionException(inventory.file() + ": watch.zones: " + zone
                        + " is neither read from dns.zone-files nor listed in dns.transfers, so its names cannot be"
                        + " enumerated");
            }
        }
        if (zoneFiles != null) {
            out.add(collect(ZoneFileDnsObserver.VIEW, zoneFiles, hosts, zoneFiles.zones(), unreadableZones));
        }
        String anchors = inventory.dns().views().isEmpty() ? null : trustAnchors();
        for (Inventory.View view : inventory.dns().views()) {
            ResolverDnsObserver dns = new ResolverDnsObserver(dnsView(view), settings);
            open.add(dns);
            validator(dns.view(), anchors);
            List<ZoneData> zones = new ArrayList<>(zoneFiles == null ? List.of() : zoneFiles.zones());
            List<Inconclusive> gaps = new ArrayList<>();
            for (String zone : inventory.dns().transfers()) {
                transfer(zone, dns.view(), zones, gaps);
            }
            out.add(collect(view.name(), dns, hosts, zones, gaps));
        }
        return out;
    }

    /** The trust anchors live views validate from: the inventory's dns.trust-anchors file, or the root's keys. */
    private String trustAnchors() throws CollectionException {
        Path file = inventory.dns().trustAnchors();
        if (file == null) {
            return org.maildrift.dns.resolver.DnssecValidator.ROOT_TRUST_ANCHORS;
        }
        String text;
        try {
            text = org.maildrift.files.TextFile.read(file, 1024 * 1024);
        } catch (java.io.IOException e) {
            throw new CollectionException(inventory.file() + ": dns.trust-anchors: " + file + ": cannot read: "
                    + org.maildrift.files.TextFile.describe(e));
        }
        String problem = org.maildrift.dns.resolver.DnssecValidator.checkTrustAnchors(text);
        if (problem != null) {
            throw new CollectionException(inventory.file() + ": dns.trust-anchors: " + file + ": " + problem);
        }
        return text;
    }

    /** Sets up validation of a view's TLSA answers against its first server; why not, when it cannot. */
    private void validator(DnsView view, String anchors) {
        if (view.servers().isEmpty()) {
            notValidating.put(view.name(), "the view has no server");
            return;
        }
        try {
            validating.put(view.name(), new org.maildrift.dns.resolver.ValidatingLookups(view.name(),
                    view.servers().get(0), anchors, settings.timeout(), java.time.Clock.systemUTC()));
        } catch (java.io.IOException e) {
            notValidating.put(view.name(), "the validating resolver could not start: " + e.getClass().getSimpleName());
        }
    }

    /**
     * A view's validated lookups; answers are indeterminate where validation could not be set up, and null
     * (unvalidated) for the zone files.
     */
    private java.util.function.Function<Question, org.maildrift.dns.model.Validated> dnssec(String viewName) {
        org.maildrift.dns.resolver.ValidatingLookups v = validating.get(viewName);
        if (v != null) {
            return v::lookup;
        }
        String why = notValidating.get(viewName);
        return why == null ? null : q -> indeterminate(q, viewName, why);
    }

    private static org.maildrift.dns.model.Validated indeterminate(Question q, String view, String why) {
        return new org.maildrift.dns.model.Validated(new DnsAnswer(q.name(), q.type(), Outcome.CHECK_ERROR, List.of(),
                new java.util.TreeSet<>(), org.maildrift.dns.model.CheckError.NETWORK, why, null, view),
                org.maildrift.dns.model.Security.INDETERMINATE, why);
    }

    private void transfer(String zone, DnsView view, List<ZoneData> zones, List<Inconclusive> gaps) {
        String last = null;
        for (InetSocketAddress server : view.servers()) {
            try {
                zones.removeIf(z -> Evidence.plain(z.apex()).equals(zone));
                zones.add(ZoneTransfer.fetch(zone, server, null, settings.timeout()));
                return;
            } catch (ZoneTransfer.TransferFailedException e) {
                last = e.getMessage();
            }
        }
        gaps.add(new Inconclusive(zone, "AXFR", "transfer-failed", view.servers().isEmpty() ? null
                : DnsView.label(view.servers().get(0)), view.name(),
                "the names of " + zone + " could not be enumerated: " + last));
    }

    private static DnsView dnsView(Inventory.View view) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String s : view.servers()) {
            if (s.equals("system")) {
                servers.addAll(DnsView.system().servers());
            } else {
                servers.add(DnsView.server(s));
            }
        }
        return new DnsView(view.name(), servers);
    }

    private Evidence collect(String viewName, DnsObserver dns, List<Evidence.HostConfig> hosts, List<ZoneData> zones,
            List<Inconclusive> collectionGaps) {
        List<Evidence.Watched> watched = new ArrayList<>();
        Set<String> explicit = new LinkedHashSet<>();
        for (String n : inventory.watch().names()) {
            if (explicit.add(n)) {
                watched.add(new Evidence.Watched(n, Evidence.WatchKind.NAME));
            }
        }
        for (String d : inventory.watch().domains()) {
            if (explicit.add(d)) {
                watched.add(new Evidence.Watched(d, Evidence.WatchKind.DOMAIN));
            }
        }
        List<String> candidates = candidates(zones, explicit);

        Map<Question, DnsAnswer> answers = new LinkedHashMap<>();
        Set<Question> first = new LinkedHashSet<>();
        for (String n : explicit) {
            ask(first, n, RecordType.MX, RecordType.A);
        }
        for (String n : candidates) {
            ask(first, n, RecordType.MX, RecordType.A);
        }
        // MTA-STS: each mail domain's _mta-sts record; DKIM: each configured selector's record
        for (String d : inventory.watch().domains()) {
            ask(first, "_mta-sts." + d, RecordType.TXT);
        }
        for (Evidence.HostConfig h : hosts) {
            h.dkim().keys().forEach(k -> ask(first, k.recordName(), RecordType.TXT));
        }
        for (Evidence.HostConfig h : hosts) {
            ask(first, h.host().hostname(), RecordType.A, RecordType.AAAA);
            if (h.names().ownName() != null && Evidence.isCheckable(h.names().ownName())) {
                ask(first, h.names().ownName(), RecordType.A, RecordType.AAAA);
            }
            for (String a : h.host().addresses()) {
                first.add(new Question(DnsNames.reverse(a), RecordType.PTR));
            }
            for (AcceptedName a : Evidence.checkableNames(h.names())) {
                ask(first, a.name(), RecordType.A, RecordType.MX);
            }
        }
        lookup(dns, first, answers);

        Set<Question> second = new LinkedHashSet<>();
        for (Map.Entry<Question, DnsAnswer> e : answers.entrySet()) {
            DnsAnswer a = e.getValue();
            if (e.getKey().type() == RecordType.MX) {
                if (a.outcome() == Outcome.NODATA) {
                    second.add(new Question(e.getKey().name(), RecordType.AAAA));
                } else if (a.outcome() == Outcome.ANSWER) {
                    for (String r : a.records()) {
                        String exchange = r.substring(r.indexOf(' ') + 1);
                        if (!exchange.equals(".")) {
                            ask(second, exchange, RecordType.A, RecordType.AAAA);
                        }
                    }
                }
            } else if (e.getKey().type() == RecordType.PTR && a.outcome() == Outcome.ANSWER) {
                for (String r : a.records()) {
                    ask(second, r, RecordType.A, RecordType.AAAA);
                }
            }
        }
        second.removeAll(answers.keySet());
        lookup(dns, second, answers);
        prefetchTlsa(viewName, hosts, answers);

        List<Inconclusive> gaps = new ArrayList<>(collectionGaps);
        Evidence base = new Evidence(inventory, viewName, hosts, watched, answers,
                q -> dns.lookup(q.name(), q.type()), List.of()).withMtaSts(this::policy);
        for (String c : candidates) {
            try {
                if (!base.hostsReached(base.route(c)).isEmpty()) {
                    watched.add(new Evidence.Watched(c, Evidence.WatchKind.DISCOVERED));
                }
            } catch (InconclusiveException e) {
                gaps.add(e.inconclusive());
            }
        }
        return new Evidence(inventory, viewName, hosts, watched, answers, q -> dns.lookup(q.name(), q.type()), gaps,
                dnssec(viewName)).withMtaSts(this::policy);
    }

    /** Fetches MTA-STS policies with this fetcher instead of the standard one (tests serve them on loopback). */
    public EvidenceCollector usePolicyFetcher(org.maildrift.tls.PolicyFetcher fetcher) {
        this.fetcher = fetcher;
        return this;
    }

    /** A domain's MTA-STS policy: the inventory's file for it, or fetched over HTTPS once per run. */
    private org.maildrift.tls.PolicyFetch policy(String domain) {
        return policies.computeIfAbsent(domain, d -> {
            Path file = inventory.watch().mtaStsPolicies().get(d);
            if (file != null) {
                try {
                    return org.maildrift.tls.PolicyFetch.ok(org.maildrift.files.TextFile.read(file,
                            org.maildrift.tls.MtaSts.MAX_POLICY_BYTES), file.toString());
                } catch (java.io.IOException e) {
                    return org.maildrift.tls.PolicyFetch.failed(file.toString(), "watch.mta-sts: " + file
                            + ": cannot read: " + org.maildrift.files.TextFile.describe(e));
                }
            }
            if (fetcher == null) {
                fetcher = org.maildrift.tls.PolicyFetcher.standard(settings.timeout());
            }
            return fetcher.fetch(d);
        });
    }

    /**
     * DANE: the TLSA records of every MX exchange found and of each host's own name, validated concurrently
     * now (live views), so that the rules read them from memory.
     */
    private void prefetchTlsa(String viewName, List<Evidence.HostConfig> hosts, Map<Question, DnsAnswer> answers) {
        org.maildrift.dns.resolver.ValidatingLookups v = validating.get(viewName);
        if (v == null) {
            return;
        }
        Set<Question> tlsa = new LinkedHashSet<>();
        for (Map.Entry<Question, DnsAnswer> e : answers.entrySet()) {
            if (e.getKey().type() == RecordType.MX && e.getValue().outcome() == Outcome.ANSWER) {
                for (String r : e.getValue().records()) {
                    String exchange = r.substring(r.indexOf(' ') + 1);
                    if (!exchange.equals(".")) {
                        tlsa.add(new Question(DnsNames.canonical("_25._tcp." + exchange), RecordType.TLSA));
                    }
                }
            }
        }
        for (Evidence.HostConfig h : hosts) {
            tlsa.add(new Question(DnsNames.canonical("_25._tcp." + h.host().hostname()), RecordType.TLSA));
        }
        v.prefetch(tlsa);
    }

    /** Names in watched zones that may route mail (they have A, AAAA, CNAME or MX), not listed explicitly. */
    private List<String> candidates(List<ZoneData> zones, Set<String> explicit) {
        Set<String> out = new LinkedHashSet<>();
        for (String zone : inventory.watch().zones()) {
            for (ZoneData z : zones) {
                if (!Evidence.plain(z.apex()).equals(zone)) {
                    continue;
                }
                List<String> owners = new ArrayList<>(z.owners());
                owners.sort(null);
                for (String owner : owners) {
                    String name = Evidence.plain(owner);
                    if (explicit.contains(name) || out.contains(name) || name.contains("*") || name.startsWith("_")
                            || name.contains("._") || z.delegationFor(owner) != null) {
                        continue;
                    }
                    for (String type : List.of("A", "AAAA", "CNAME", "MX")) {
                        if (!z.records(owner, type).isEmpty()) {
                            out.add(name);
                            break;
                        }
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static void ask(Set<Question> questions, String name, RecordType... types) {
        String canonical = DnsNames.canonical(name);
        for (RecordType t : types) {
            questions.add(new Question(canonical, t));
        }
    }

    private static void lookup(DnsObserver dns, Set<Question> questions, Map<Question, DnsAnswer> answers) {
        List<Question> list = new ArrayList<>(questions);
        List<DnsAnswer> got = dns.lookupAll(list);
        for (int i = 0; i < list.size(); i++) {
            answers.put(list.get(i), got.get(i));
        }
    }

    @Override
    public void close() {
        open.forEach(ResolverDnsObserver::close);
        open.clear();
        tables.forEach(TableConnections::close);
        tables.clear();
    }
}

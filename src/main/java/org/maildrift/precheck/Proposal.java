package org.maildrift.precheck;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.zonefile.ZoneData;
import org.maildrift.dns.zonefile.ZoneFileException;
import org.maildrift.dns.zonefile.ZoneFileReader;
import org.maildrift.inventory.Inventory;
import org.maildrift.mail.Mta;
import org.maildrift.mta.FilesRoot;
import org.maildrift.mta.model.HostNames;
import org.maildrift.tls.CertificateChain;
import org.maildrift.tls.PemCertificates;
import org.maildrift.tls.ServedTls;
import org.maildrift.mta.readers.MtaConfigReader;
import org.maildrift.mta.postfix.tables.TableAccess;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.InconclusiveException;

/**
 * The estate as it would be after a change set, built copy-on-write from the current evidence: per DNS
 * view a {@link ProposedDns}, per changed host its configuration text edited and read again by the real
 * reader (so findings point at the lines the edit would produce), and the watched names that come or go
 * with the change. The current evidence is never modified.
 */
final class Proposal {

    /** Postfix parameters that list names a host accepts, where drop-name looks. */

    private final List<Evidence> current;
    private final Function<String, Optional<Path>> pushed;
    private final Function<String, TableAccess> tables;
    /** A precheck applies its change set several times (fixes, verdict): files are read and parsed once. */
    private final Map<Change.ProposedZone, ZoneData> zonesRead = new java.util.HashMap<>();
    private final Map<Path, String> filesRead = new java.util.HashMap<>();

    Proposal(List<Evidence> current, Function<String, Optional<Path>> pushed) {
        this(current, pushed, host -> TableAccess.NONE);
    }

    Proposal(List<Evidence> current, Function<String, Optional<Path>> pushed, Function<String, TableAccess> tables) {
        this.tables = tables;
        this.current = current;
        this.pushed = pushed;
    }

    /** One host's configuration as the change leaves it. */
    private static final class HostDraft {
        Inventory.Host host;
        final Path configPath;
        String text;
        boolean changed;

        HostDraft(Inventory.Host host, Path configPath, String text) {
            this.host = host;
            this.configPath = configPath;
            this.text = text;
        }
    }

    List<Evidence> apply(List<Change> changes) throws ChangeSetException {
        return applied(changes).views();
    }

    /** The estate after a change set, per view, with what the change alters in each. */
    record Applied(List<Evidence> views, List<Evidence.Delta> deltas) {
    }

    Applied applied(List<Change> changes) throws ChangeSetException {
        if (current.isEmpty()) {
            return new Applied(List.of(), List.of());
        }
        Evidence first = current.get(0);
        Inventory inventory = first.inventory();
        List<ZoneData> zones = new ArrayList<>();
        for (Change c : changes) {
            if (c instanceof Change.ProposedZone z) {
                ZoneData read = zonesRead.get(z);
                if (read == null) {
                    read = zone(z);
                    zonesRead.put(z, read);
                }
                zones.add(read);
            }
        }
        Map<String, HostDraft> drafts = new LinkedHashMap<>();
        for (Change c : changes) {
            String host = c.host();
            if (host != null && !drafts.containsKey(host)) {
                drafts.put(host, draft(inventory, first, host, c));
            }
        }
        for (Change c : changes) {
            editConfig(c, drafts);
        }

        List<Inventory.Host> hosts = new ArrayList<>();
        for (Inventory.Host h : inventory.hosts()) {
            HostDraft d = drafts.get(h.id());
            hosts.add(d == null ? h : d.host);
        }
        Inventory proposedInventory = inventory.withHosts(hosts);
        List<Evidence.HostConfig> configs = new ArrayList<>();
        for (Evidence.HostConfig hc : first.hosts()) {
            HostDraft d = drafts.get(hc.id());
            ServedTls tls = renewed(changes, hc);
            if (d == null || !d.changed || onlyRenewals(changes, hc.id())) {
                configs.add(new Evidence.HostConfig(d == null ? hc.host() : d.host, hc.names(), hc.configLabel(), tls,
                        hc.dkim()));
                continue;
            }
            Mta kind = d.host.mta();
            FilesRoot files = d.host.filesRoot() == null ? FilesRoot.none() : FilesRoot.at(d.host.filesRoot());
            HostNames names = MtaConfigReader.readText(kind, d.configPath, d.text, d.host.hostname(),
                    d.host.interfaces(), files, tables.apply(d.host.id()));
            // a configuration that names other certificate files presents those (an agent's host keeps its own)
            ServedTls served = tls != hc.tls() || d.host.pushedByAgent() || names.tls().equals(hc.names().tls()) ? tls
                    : ServedTls.read(names.tls(), files);
            configs.add(new Evidence.HostConfig(d.host, names, hc.configLabel(), served, hc.dkim()));
        }

        // what the change alters: hosts drafted or with renewed certificates, addresses that change owner
        Set<String> hostsAltered = new java.util.HashSet<>(drafts.keySet());
        for (int i = 0; i < configs.size(); i++) {
            if (configs.get(i).tls() != first.hosts().get(i).tls()) {
                hostsAltered.add(configs.get(i).id());
            }
        }
        boolean owners = false;
        for (Inventory.Host h : inventory.hosts()) {
            HostDraft d = drafts.get(h.id());
            owners |= d != null && !d.host.addresses().equals(h.addresses());
        }
        List<Evidence> out = new ArrayList<>();
        List<Evidence.Delta> deltas = new ArrayList<>();
        for (Evidence e : current) {
            ProposedDns dns = new ProposedDns(e, zones);
            for (Change c : changes) {
                c.editDns(dns);
            }
            Evidence draft = e.proposed(proposedInventory, configs, e.watched(), q -> dns.lookup(q));
            List<Evidence.Watched> watched = watched(e, draft, dns, zones, changes);
            out.add(e.proposed(proposedInventory, configs, watched, q -> dns.lookup(q)));
            deltas.add(new Evidence.Delta(dns::alters, hostsAltered, !watched.equals(e.watched()), owners));
        }
        return new Applied(out, deltas);
    }

    private static boolean onlyRenewals(List<Change> changes, String host) {
        return changes.stream().filter(c -> host.equals(c.host())).allMatch(c -> c instanceof Change.RenewCertificate);
    }

    /**
     * The host's TLS after the renewals in the change set: each new chain replaces the readable chain with the
     * same key type (or the only chain, or is added when there is none).
     */
    private ServedTls renewed(List<Change> changes, Evidence.HostConfig hc) throws ChangeSetException {
        ServedTls tls = hc.tls();
        for (Change c : changes) {
            if (!(c instanceof Change.RenewCertificate r) || !r.host().equals(hc.id())) {
                continue;
            }
            String text;
            try {
                text = r.chain() != null ? read(r.chain()) : r.text();
            } catch (IOException e) {
                throw new ChangeSetException(r.where(), "renew-certificate.chain", "cannot read " + r.chain() + ": "
                        + org.maildrift.files.TextFile.describe(e));
            }
            PemCertificates.Read pem = PemCertificates.parse(r.chain() != null ? r.chain().toString() : "text", text);
            if (pem.problem() != null) {
                throw new ChangeSetException(r.where(), "renew-certificate." + (r.chain() != null ? "chain" : "text"),
                        pem.problem());
            }
            String algorithm = pem.certificates().get(0).keyAlgorithm();
            List<CertificateChain> chains = new ArrayList<>(tls.chains());
            int at = -1;
            for (int i = 0; i < chains.size(); i++) {
                CertificateChain old = chains.get(i);
                if (old.readable() && old.leaf().keyAlgorithm().equals(algorithm)) {
                    at = i;
                    break;
                }
            }
            if (at < 0 && chains.size() == 1) {
                at = 0;
            }
            if (at < 0 && !chains.isEmpty()) {
                throw new ChangeSetException(r.where(), "renew-certificate.chain", hc.id() + " presents "
                        + chains.size() + " certificates and none has a " + algorithm
                        + " key: the renewed chain replaces none of them");
            }
            CertificateChain old = at >= 0 ? chains.get(at) : null;
            CertificateChain fresh = new CertificateChain(old != null ? old.setting() : "renewed certificate",
                    old != null ? old.path() : (r.chain() != null ? r.chain().toString() : "text"),
                    old != null ? old.file() : hc.configLabel(), old != null ? old.line() : 0, pem.certificates(), null);
            if (at >= 0) {
                chains.set(at, fresh);
            } else {
                chains.add(fresh);
            }
            tls = new ServedTls(tls.offered(), tls.why(), chains, tls.unresolved());
        }
        return tls;
    }

    /** What a suggested change does, in words, with the file and line it edits. */
    String explain(Change c) {
        String hostId = c.host();
        if (hostId == null || current.isEmpty()) {
            return c.words(null, null, null);
        }
        Evidence first = current.get(0);
        Evidence.HostConfig hc = first.host(hostId);
        if (hc == null) {
            return c.yaml();
        }
        String text;
        try {
            text = draft(first.inventory(), first, hostId, c).text;
        } catch (ChangeSetException e) {
            return c.yaml();
        }
        return c.words(MtaConfigReader.dialect(hc.host().mta(), text), text, hc.configLabel());
    }

    // ---- DNS ----

    /** A proposed zone; one without a single record would delete every name of the zone, so it is refused. */
    private static ZoneData zone(Change.ProposedZone z) throws ChangeSetException {
        ZoneData read = readZone(z);
        if (read.owners().isEmpty()) {
            throw new ChangeSetException(z.where(), z.file() != null ? "proposed-zone" : "proposed-zone.text",
                    (z.file() != null ? z.file() + ": " : "") + "the proposed zone has no records; an empty zone would"
                    + " remove every name of " + read.apex());
        }
        return read;
    }

    private static ZoneData readZone(Change.ProposedZone z) throws ChangeSetException {
        try {
            if (z.file() != null) {
                return ZoneFileReader.read(z.file(), z.label().isEmpty() ? null : z.label());
            }
            if (z.label().isEmpty()) {
                throw new ChangeSetException(z.where(), "proposed-zone.origin", "give the zone's origin with a text zone");
            }
            try {
                return ZoneFileReader.readText("zone " + z.label(), z.text(), z.label());
            } catch (ZoneFileException e) {
                throw new ChangeSetException(z.where(), "proposed-zone.text", e.getMessage());
            }
        } catch (ZoneFileException e) {
            throw new ChangeSetException(z.where(), "proposed-zone", e.getMessage());
        }
    }

    /**
     * The watched names after the change: those listed in the inventory stay; of the names discovered
     * in watched zones, those the change removes go, and names the change adds or edits in a watched zone
     * join when they route to an inventory host.
     */
    private static List<Evidence.Watched> watched(Evidence base, Evidence draft, ProposedDns dns, List<ZoneData> zones,
            List<Change> changes) {
        List<String> watchZones = base.inventory().watch().zones();
        List<Evidence.Watched> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Evidence.Watched w : base.watched()) {
            if (w.kind() == Evidence.WatchKind.DISCOVERED && !dns.exists(w.name())) {
                continue;
            }
            out.add(w);
            seen.add(w.name());
        }
        if (watchZones.isEmpty()) {
            return out;
        }
        Set<String> touched = new LinkedHashSet<>();
        for (Change c : changes) {
            touched.addAll(c.touches(dns));
        }
        for (ZoneData z : zones) {
            z.owners().forEach(o -> touched.add(DnsNames.relative(o)));
        }
        for (String name : touched) {
            String plain = Evidence.plain(name);
            if (seen.contains(plain) || watchZones.stream().noneMatch(z -> plain.equals(z) || plain.endsWith("." + z))
                    || plain.contains("*") || plain.startsWith("_")) {
                continue;
            }
            try {
                if (!draft.hostsReached(draft.route(plain)).isEmpty()) {
                    out.add(new Evidence.Watched(plain, Evidence.WatchKind.DISCOVERED));
                    seen.add(plain);
                }
            } catch (InconclusiveException e) {
                // where it routes is not known: it is not watched, as in a check
            }
        }
        return out;
    }

    // ---- configurations ----

    private HostDraft draft(Inventory inventory, Evidence evidence, String hostId, Change c) throws ChangeSetException {
        String field = c.entry().keySet().iterator().next() + ".host";
        Inventory.Host host = inventory.host(hostId).orElseThrow(() -> new ChangeSetException(c.where(), field,
                "'" + hostId + "' is not a host of the inventory (" + String.join(", ",
                        inventory.hosts().stream().map(Inventory.Host::id).toList()) + ")"));
        Path config = host.pushedByAgent() ? pushed.apply(hostId).orElse(null) : host.config();
        if (c instanceof Change.ProposedConfig) {
            return new HostDraft(host, config == null ? Path.of("agent-" + hostId) : config, "");
        }
        if (config == null) {
            throw new ChangeSetException(c.where(), field, hostId + "'s configuration is pushed by its agent and none"
                    + " has arrived; give the whole file with proposed-config");
        }
        Path file = MtaConfigReader.configFile(host.mta(), config);
        try {
            return new HostDraft(host, config, read(file));
        } catch (IOException e) {
            throw new ChangeSetException(c.where(), field, "cannot read " + file + ": "
                    + org.maildrift.files.TextFile.describe(e));
        }
    }

    private String read(Path file) throws IOException {
        String text = filesRead.get(file);
        if (text == null) {
            text = org.maildrift.files.TextFile.read(file, ChangeSetLoader.MAX_BYTES);
            filesRead.put(file, text);
        }
        return text;
    }

    private void editConfig(Change c, Map<String, HostDraft> drafts) throws ChangeSetException {
        String hostId = c.host();
        if (hostId == null) {
            return;
        }
        HostDraft d = drafts.get(hostId);
        if (c instanceof Change.ProposedConfig p) {
            // a whole file replaces the text; only this change reads a file of its own
            try {
                d.text = p.file() != null ? read(p.file()) : p.text();
            } catch (IOException e) {
                throw new ChangeSetException(p.where(), "proposed-config.file", "cannot read " + p.file() + ": "
                        + e.getMessage());
            }
        } else {
            d.text = c.editConfig(MtaConfigReader.dialect(d.host.mta(), d.text), d.text);
            d.host = c.editHost(d.host);
        }
        d.changed = true;
    }

}

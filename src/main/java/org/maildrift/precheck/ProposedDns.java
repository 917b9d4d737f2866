package org.maildrift.precheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.maildrift.dns.CnameChase;
import org.maildrift.dns.DnsObserver.Question;
import org.maildrift.dns.model.CnameHop;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.RecordType;
import org.maildrift.dns.zonefile.ZoneData;
import org.maildrift.dns.zonefile.ZoneFileDnsObserver;
import org.maildrift.rules.Evidence;

/**
 * DNS as it would be after a change, for one view, copy-on-write: record edits on top of proposed zone
 * files on top of what the view answered. Nothing of the current evidence is modified; a question about a
 * name no change touches is answered as the view answered it (asked now if it was not asked before).
 * CNAME chains are followed afresh through all three layers, so a retargeted alias or a renamed host
 * changes every chain that passes through it.
 */
final class ProposedDns {

    /** What a change set says of one name; types not listed fall through to the layers below. */
    private static final class NameEdit {
        boolean removed;
        String cname;
        boolean cnameCleared;
        final Map<RecordType, SortedSet<String>> records = new HashMap<>();
    }

    static final String SOURCE = "proposed change";

    private final Evidence base;
    private final ZoneFileDnsObserver zones;
    private final Map<String, NameEdit> edits = new HashMap<>();
    private final List<String> apexes;
    private final Map<Question, DnsAnswer> answered = new HashMap<>();

    ProposedDns(Evidence base, List<ZoneData> proposedZones) {
        this.base = base;
        this.zones = proposedZones.isEmpty() ? null : new ZoneFileDnsObserver(proposedZones, base.view());
        this.apexes = proposedZones.stream().map(z -> DnsNames.canonical(z.apex())).toList();
    }

    /**
     * True for a (canonical) name whose data this proposal may answer differently from the view: a name an
     * edit touches, or a name in a proposed zone.
     */
    boolean alters(String name) {
        if (edits.containsKey(name)) {
            return true;
        }
        for (String apex : apexes) {
            if (name.equals(apex) || name.endsWith("." + apex)) {
                return true;
            }
        }
        return false;
    }

    /** The proposed answer to one question, CNAMEs followed. */
    DnsAnswer lookup(Question q) {
        return answered.computeIfAbsent(q, k -> CnameChase.follow(k.name(), k.type(), base.view(), this::step));
    }

    /** One step at one name: edits, then proposed zones, then the view as it is. */
    CnameChase.Step step(String name, RecordType type) {
        NameEdit e = edits.get(name);
        if (e != null) {
            if (e.removed) {
                return new CnameChase.NxDomain(SOURCE);
            }
            if (e.cname != null) {
                return type == RecordType.CNAME ? new CnameChase.Records(new TreeSet<>(Set.of(e.cname)), SOURCE)
                        : new CnameChase.Alias(List.of(e.cname), SOURCE);
            }
            SortedSet<String> set = e.records.get(type);
            if (set != null) {
                return set.isEmpty() ? new CnameChase.NoData(SOURCE) : new CnameChase.Records(set, SOURCE);
            }
        }
        CnameChase.Step below = below(name, type);
        if (e != null) {
            boolean exists = e.records.values().stream().anyMatch(s -> !s.isEmpty());
            if (below instanceof CnameChase.NxDomain && exists) {
                return new CnameChase.NoData(SOURCE);
            }
            if (below instanceof CnameChase.Alias && e.cnameCleared) {
                return new CnameChase.NoData(SOURCE);
            }
        }
        return below;
    }

    private CnameChase.Step below(String name, RecordType type) {
        if (zones != null) {
            CnameChase.Step z = zones.step(name, type);
            if (!(z instanceof CnameChase.Failed f && f.error() == org.maildrift.dns.model.CheckError.NOT_COVERED)) {
                return z;
            }
        }
        return stepOf(base.answer(name, type));
    }

    /** The first step of an answer as the view gave it: the name's own CNAME, or what the name itself holds. */
    static CnameChase.Step stepOf(DnsAnswer a) {
        if (!a.chain().isEmpty()) {
            return new CnameChase.Alias(List.of(a.chain().get(0).target()), a.server());
        }
        return switch (a.outcome()) {
            case ANSWER -> new CnameChase.Records(a.records(), a.server());
            case NXDOMAIN -> new CnameChase.NxDomain(a.server());
            case NODATA -> new CnameChase.NoData(a.server());
            case CNAME_MULTIPLE -> new CnameChase.Alias(List.copyOf(a.records()), a.server());
            case CHECK_ERROR -> new CnameChase.Failed(a.error(), a.detail(), a.server());
            default -> new CnameChase.Failed(org.maildrift.dns.model.CheckError.OTHER_RCODE,
                    a.outcome().label() + " without a chain", a.server());
        };
    }

    // ---- edits ----

    private NameEdit edit(String name) {
        answered.clear();
        return edits.computeIfAbsent(DnsNames.canonical(name), k -> new NameEdit());
    }

    /** What one name holds of one type now (empty when nothing, or when the lookup fails). */
    SortedSet<String> current(String name, RecordType type) {
        CnameChase.Step s = step(DnsNames.canonical(name), type);
        return s instanceof CnameChase.Records r ? new TreeSet<>(r.records()) : new TreeSet<>();
    }

    /** The name's own CNAME target now, or null. */
    String cnameOf(String name) {
        CnameChase.Step s = step(DnsNames.canonical(name), RecordType.A);
        return s instanceof CnameChase.Alias a && a.targets().size() == 1 ? a.targets().get(0) : null;
    }

    boolean exists(String name) {
        CnameChase.Step s = step(DnsNames.canonical(name), RecordType.A);
        return !(s instanceof CnameChase.NxDomain);
    }

    void setCname(String name, String target) {
        NameEdit e = edit(name);
        e.removed = false;
        e.records.clear();
        e.cname = DnsNames.canonical(target);
        e.cnameCleared = false;
    }

    void remove(String name) {
        NameEdit e = edit(name);
        e.removed = true;
        e.cname = null;
        e.records.clear();
    }

    void setRecords(String name, RecordType type, SortedSet<String> records) {
        String n = DnsNames.canonical(name);
        boolean wasRemoved = edits.containsKey(n) && edits.get(n).removed;
        NameEdit e = edit(n);
        if (wasRemoved) {
            e.removed = false;
            for (RecordType t : RecordType.values()) {
                e.records.put(t, new TreeSet<>());
            }
        }
        if (e.cname != null) {
            e.cname = null;
        }
        e.cnameCleared = true;
        e.records.put(type, new TreeSet<>(records));
    }

    /** The inventory's host with this ID, as the view's evidence has it, or null. */
    org.maildrift.inventory.Inventory.Host inventoryHost(String id) {
        Evidence.HostConfig h = base.host(id);
        return h == null ? null : h.host();
    }

    /**
     * Every name the view or a proposed zone or an earlier edit shows with an address record ({@code type} A or
     * AAAA) holding {@code address}: what a readdressing has to follow.
     */
    Set<String> holding(String address, RecordType type) {
        Set<String> owners = new LinkedHashSet<>();
        for (String c : candidates()) {
            if (!knownWithoutAsking(c, type)) {
                continue;
            }
            for (String r : current(c, type)) {
                if (org.maildrift.mail.IpAddresses.same(address, r)) {
                    owners.add(c);
                }
            }
        }
        return owners;
    }

    private Set<String> candidates() {
        Set<String> candidates = new LinkedHashSet<>(viewNames(base));
        if (zones != null) {
            for (ZoneData z : zones.zones()) {
                candidates.addAll(z.owners());
            }
        }
        candidates.addAll(edits.keySet());
        return candidates;
    }

    /** The names of a view's answers so far, kept with the view: a precheck applies its change set several times. */
    private static final class ViewNames {
        int answers = -1;
        List<String> names = List.of();
    }

    private static List<String> viewNames(Evidence base) {
        ViewNames cache = base.derived("precheck-view-names", e -> new ViewNames());
        int count = base.answerCount();
        if (cache.answers != count) {
            Set<String> names = new LinkedHashSet<>();
            for (DnsAnswer a : base.collected().values()) {
                names.add(a.name());
                for (CnameHop h : a.chain()) {
                    names.add(h.alias());
                }
                names.add(a.finalName());
            }
            cache.names = List.copyOf(names);
            cache.answers = count;
        }
        return cache.names;
    }

    /**
     * Every name the view or a proposed zone or an earlier edit shows with a record of this type naming
     * {@code target} (a CNAME to it, an MX exchange or a PTR): what a rename has to follow.
     */
    Set<String> pointingAt(String target, RecordType type) {
        String t = DnsNames.canonical(target);
        Set<String> owners = new LinkedHashSet<>();
        for (String c : candidates()) {
            if (type == RecordType.CNAME) {
                if (t.equals(cnameOf(c))) {
                    owners.add(c);
                }
                continue;
            }
            if (!knownWithoutAsking(c, type)) {
                continue;
            }
            for (String r : current(c, type)) {
                String value = type == RecordType.MX ? r.substring(r.indexOf(' ') + 1) : r;
                if (DnsNames.canonical(value).equals(t)) {
                    owners.add(c);
                }
            }
        }
        return owners;
    }

    /** Whether asking this name and type costs no lookup: collected, edited, or in a proposed zone. */
    private boolean knownWithoutAsking(String name, RecordType type) {
        if (edits.containsKey(name)) {
            return true;
        }
        if (zones != null && !(zones.step(name, type) instanceof CnameChase.Failed)) {
            return true;
        }
        return base.collected().containsKey(new Question(name, type));
    }
}

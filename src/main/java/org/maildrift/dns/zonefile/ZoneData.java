package org.maildrift.dns.zonefile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The records of one zone in canonical text, indexed by owner and type, with what authoritative
 * lookups need: the apex, delegation points, and every name that exists (owners and their ancestors
 * inside the zone, so that empty non-terminals answer NODATA, not NXDOMAIN).
 */
public final class ZoneData {

    private final String apex;
    private final String source;
    private final Map<String, Map<String, SortedSet<String>>> rrsets = new HashMap<>();
    private final Set<String> existing = new HashSet<>();
    private final Set<String> delegations = new HashSet<>();

    ZoneData(String apex, String source) {
        this.apex = apex;
        this.source = source;
        existing.add(apex);
    }

    void add(String owner, String type, String rdata) {
        rrsets.computeIfAbsent(owner, k -> new HashMap<>()).computeIfAbsent(type, k -> new TreeSet<>()).add(rdata);
        if (type.equals("NS") && !owner.equals(apex)) {
            delegations.add(owner);
        }
        for (String n = owner; n != null && !n.equals(apex); n = parent(n)) {
            existing.add(n);
        }
    }

    public String apex() {
        return apex;
    }

    public String source() {
        return source;
    }

    /** Every owner name in the zone. */
    public Set<String> owners() {
        return rrsets.keySet();
    }

    public boolean contains(String name) {
        return name.equals(apex) || name.endsWith("." + apex);
    }

    /** The delegation point at or above {@code name} (below the apex), or null. */
    public String delegationFor(String name) {
        for (String n = name; n != null && !n.equals(apex); n = parent(n)) {
            if (delegations.contains(n)) {
                return n;
            }
        }
        return null;
    }

    public boolean exists(String name) {
        return existing.contains(name);
    }

    public SortedSet<String> records(String name, String type) {
        Map<String, SortedSet<String>> byType = rrsets.get(name);
        SortedSet<String> r = byType == null ? null : byType.get(type);
        return r == null ? new TreeSet<>() : r;
    }

    /** RFC 4592: the wildcard owner that answers for a name that does not exist, or null. */
    public String wildcardFor(String name) {
        String encloser = parent(name);
        while (encloser != null && !exists(encloser)) {
            encloser = parent(encloser);
        }
        if (encloser == null) {
            return null;
        }
        String wildcard = "*." + encloser;
        return rrsets.containsKey(wildcard) ? wildcard : null;
    }

    static String parent(String name) {
        int dot = name.indexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return null;
        }
        return name.substring(dot + 1);
    }
}

package org.maildrift.dns.zonefile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.maildrift.dns.CnameChase;
import org.maildrift.dns.DnsObserver;
import org.maildrift.dns.model.CheckError;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.RecordType;

/**
 * Answers from loaded zone files as their authoritative server would. A name outside every loaded zone,
 * or below a delegation, is "not covered": CHECK_ERROR, never NXDOMAIN.
 */
public final class ZoneFileDnsObserver implements DnsObserver {

    public static final String VIEW = "zone-files";

    /** A zone file that could not be read: the zone its file name says, and why. */
    public record Unreadable(String apex, String file, String reason) {
    }

    private final List<ZoneData> zones;
    private final List<Unreadable> unreadable;
    private final String view;

    public ZoneFileDnsObserver(List<ZoneData> zones) {
        this(zones, VIEW);
    }

    /** Answers from zones obtained otherwise (a transfer), labelled with {@code view}. */
    public ZoneFileDnsObserver(List<ZoneData> zones, String view) {
        this(zones, List.of(), view);
    }

    private ZoneFileDnsObserver(List<ZoneData> zones, List<Unreadable> unreadable, String view) {
        this.view = view;
        List<ZoneData> sorted = new ArrayList<>(zones);
        sorted.sort(Comparator.comparingInt((ZoneData z) -> z.apex().length()).reversed());
        this.zones = List.copyOf(sorted);
        this.unreadable = List.copyOf(unreadable);
    }

    /** Every file must be read; the first that cannot is the error. */
    public static ZoneFileDnsObserver load(List<Path> files) throws ZoneFileException {
        List<ZoneData> zones = new ArrayList<>();
        for (Path f : files) {
            zones.add(ZoneFileReader.read(f, null));
        }
        return new ZoneFileDnsObserver(zones);
    }

    /**
     * Reads what can be read: a file that cannot is kept as {@link Unreadable}, and names of the zone its
     * file name says answer {@link CheckError#ZONE_UNREADABLE} (unknown), while the other zones answer.
     */
    public static ZoneFileDnsObserver loadEach(List<Path> files) {
        List<ZoneData> zones = new ArrayList<>();
        List<Unreadable> failed = new ArrayList<>();
        for (Path f : files) {
            try {
                zones.add(ZoneFileReader.read(f, null));
            } catch (ZoneFileException e) {
                failed.add(new Unreadable(ZoneFileReader.originFromFileName(f), f.toString(), e.getMessage()));
            }
        }
        return new ZoneFileDnsObserver(zones, failed, VIEW);
    }

    public List<Unreadable> unreadable() {
        return unreadable;
    }

    public List<ZoneData> zones() {
        return zones;
    }

    @Override
    public DnsAnswer lookup(String name, RecordType type) {
        return CnameChase.follow(DnsNames.canonical(name), type, view, this::step);
    }

    /** What the zones say of one name and type, without following a CNAME (a canonical name). */
    public CnameChase.Step step(String name, RecordType type) {
        ZoneData zone = null;
        for (ZoneData z : zones) {
            if (z.contains(name)) {
                zone = z;
                break;
            }
        }
        Unreadable lost = null;
        for (Unreadable u : unreadable) {
            if ((name.equals(u.apex()) || name.endsWith("." + u.apex()))
                    && (lost == null || u.apex().length() > lost.apex().length())) {
                lost = u;
            }
        }
        if (lost != null && (zone == null || lost.apex().length() >= zone.apex().length())) {
            return new CnameChase.Failed(CheckError.ZONE_UNREADABLE, "the zone file for " + lost.apex()
                    + " could not be read: " + lost.reason(), lost.file());
        }
        if (zone == null) {
            return new CnameChase.Failed(CheckError.NOT_COVERED, "no loaded zone file covers " + name, null);
        }
        String delegation = zone.delegationFor(name);
        if (delegation != null) {
            return new CnameChase.Failed(CheckError.NOT_COVERED,
                    name + " is delegated away from " + zone.apex() + " at " + delegation, zone.source());
        }
        String owner = name;
        if (!zone.exists(name)) {
            String wildcard = zone.wildcardFor(name);
            if (wildcard == null) {
                return new CnameChase.NxDomain(zone.source());
            }
            owner = wildcard;
        }
        if (type != RecordType.CNAME) {
            var cnames = zone.records(owner, "CNAME");
            if (!cnames.isEmpty()) {
                return new CnameChase.Alias(List.copyOf(cnames), zone.source());
            }
        }
        var records = zone.records(owner, type.name());
        if (!records.isEmpty()) {
            return new CnameChase.Records(records, zone.source());
        }
        return new CnameChase.NoData(zone.source());
    }
}

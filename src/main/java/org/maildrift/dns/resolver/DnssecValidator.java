package org.maildrift.dns.resolver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.maildrift.dns.CnameChase;
import org.maildrift.dns.model.CheckError;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Security;
import org.maildrift.dns.model.Validated;
import org.maildrift.dns.model.RecordType;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * Looks up a name and validates the answer with dnsjava's validating resolver from the configured trust
 * anchors (the root's by default). The view's server is asked with CD set, so a validating recursive
 * resolver hands over what it would refuse, and maildrift judges it. Used for the few questions where
 * DNSSEC decides what senders do (TLSA); the bulk of lookups go through {@link ResolverDnsObserver}.
 */
public final class DnssecValidator {

    /** The root zone's key-signing keys (KSK-2017 and KSK-2024), as IANA publishes them in root-anchors.xml. */
    public static final String ROOT_TRUST_ANCHORS = """
            . IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
            . IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16
            """;

    private final ValidatingResolver resolver;
    private final SimpleResolver plain;
    private final String server;
    private final String view;
    private final List<Name> anchors;
    private final java.util.Map<Name, Boolean> anchorReachable = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@code trustAnchors} is DS or DNSKEY records in master-file format; {@code clock} decides whether
     * signatures are current.
     */
    public DnssecValidator(String view, InetSocketAddress server, String trustAnchors, Duration timeout, Clock clock)
            throws IOException {
        SimpleResolver head = new SimpleResolver(server);
        head.setTimeout(timeout);
        this.plain = new SimpleResolver(server);
        plain.setTimeout(timeout);
        plain.setEDNS(0, 0, org.xbill.DNS.ExtendedFlags.DO);
        this.anchors = anchorOwners(trustAnchors);
        this.resolver = new ValidatingResolver(head, clock);
        resolver.setTimeout(timeout);
        resolver.loadTrustAnchors(new ByteArrayInputStream(trustAnchors.getBytes(StandardCharsets.UTF_8)));
        this.server = DnsView.label(server);
        this.view = view;
    }

    /** Checks that trust-anchor text parses into at least one DS or DNSKEY record; the message says why not. */
    public static String checkTrustAnchors(String text) {
        int found = 0;
        try (org.xbill.DNS.Master m = new org.xbill.DNS.Master(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.root, 0)) {
            Record r;
            while ((r = m.nextRecord()) != null) {
                if (r.getType() == Type.DS || r.getType() == Type.DNSKEY) {
                    found++;
                }
            }
        } catch (IOException e) {
            return "not DS or DNSKEY records in master-file format"
                    + (e instanceof TextParseException ? "" : ": " + e.getClass().getSimpleName());
        }
        return found == 0 ? "holds no DS or DNSKEY record" : null;
    }

    private static List<Name> anchorOwners(String text) throws IOException {
        List<Name> out = new ArrayList<>();
        try (org.xbill.DNS.Master m = new org.xbill.DNS.Master(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.root, 0)) {
            Record r;
            while ((r = m.nextRecord()) != null) {
                if ((r.getType() == Type.DS || r.getType() == Type.DNSKEY) && !out.contains(r.getName())) {
                    out.add(r.getName());
                }
            }
        }
        return out;
    }

    /**
     * The answer through its CNAME chain, with the weakest state seen along it. When the view's server gives
     * no DNSKEY for the trust anchor that covers the name (an authoritative-only server asked about the
     * root), validation cannot start: the answer is read without it and is INDETERMINATE, never BOGUS.
     */
    public Validated lookup(String name, RecordType type) {
        List<Security> seen = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        Name anchor = closestAnchor(DnsNames.canonical(name));
        if (anchor != null && !anchorReachable.computeIfAbsent(anchor, this::reachable)) {
            String why = "the view's server gives no signed DNSKEY for the trust anchor at " + anchor
                    + ", so validation cannot start (ask a recursive resolver that passes DNSSEC records, or set "
                    + "dns.trust-anchors to the keys of the zones it serves)";
            DnsAnswer answer = CnameChase.follow(DnsNames.canonical(name), type, view, (n, t) -> unvalidated(n, t));
            return new Validated(answer, Security.INDETERMINATE, why);
        }
        DnsAnswer answer = CnameChase.follow(DnsNames.canonical(name), type, view, (n, t) -> step(n, t, seen, reasons));
        Security worst = Security.SECURE;
        for (Security s : seen) {
            if (rank(s) > rank(worst)) {
                worst = s;
            }
        }
        if (seen.isEmpty()) {
            worst = Security.INDETERMINATE;
        }
        return new Validated(answer, worst, reasons.isEmpty() ? null : String.join("; ", reasons));
    }

    private Name closestAnchor(String name) {
        Name best = null;
        try {
            Name n = Name.fromString(name);
            for (Name a : anchors) {
                if (n.subdomain(a) && (best == null || a.labels() > best.labels())) {
                    best = a;
                }
            }
        } catch (TextParseException e) {
            return null;
        }
        return best;
    }

    private boolean reachable(Name anchor) {
        try {
            Message m = plain.send(Message.newQuery(Record.newRecord(anchor, Type.DNSKEY, DClass.IN)));
            // the keys and their signatures: a resolver that strips RRSIGs (a stub without DNSSEC) cannot be
            // validated through, and would make every signed answer look bogus
            return m.getRcode() == Rcode.NOERROR
                    && m.getSection(Section.ANSWER).stream().anyMatch(r -> r.getType() == Type.DNSKEY)
                    && m.getSection(Section.ANSWER).stream().anyMatch(r -> r.getType() == Type.RRSIG);
        } catch (IOException e) {
            return false;
        }
    }

    private CnameChase.Step unvalidated(String name, RecordType type) {
        try {
            Record q = Record.newRecord(Name.fromString(name), Type.value(type.name()), DClass.IN);
            Message response = plain.send(Message.newQuery(q));
            return ResolverDnsObserver.interpret(DnsWire.parse(response.toWire()), server, DnsNames.canonical(name), type);
        } catch (TextParseException e) {
            return new CnameChase.Failed(CheckError.FORMERR, "not a DNS name", server);
        } catch (IOException e) {
            return new CnameChase.Failed(e instanceof java.net.SocketTimeoutException ? CheckError.TIMEOUT
                    : CheckError.NETWORK, "lookup failed: " + e.getClass().getSimpleName(), server);
        }
    }

    private static int rank(Security s) {
        return switch (s) {
            case SECURE -> 0;
            case INSECURE -> 1;
            case INDETERMINATE -> 2;
            case BOGUS -> 3;
            case UNVALIDATED -> 1;
        };
    }

    private CnameChase.Step step(String name, RecordType type, List<Security> seen, List<String> reasons) {
        Message response;
        try {
            Record q = Record.newRecord(Name.fromString(name), Type.value(type.name()), DClass.IN);
            response = resolver.send(Message.newQuery(q));
        } catch (TextParseException e) {
            seen.add(Security.INDETERMINATE);
            return new CnameChase.Failed(CheckError.FORMERR, "not a DNS name", server);
        } catch (IOException e) {
            seen.add(Security.INDETERMINATE);
            reasons.add(name + " " + type + ": the lookup failed (" + e.getClass().getSimpleName() + ")");
            return new CnameChase.Failed(e instanceof java.net.SocketTimeoutException ? CheckError.TIMEOUT
                    : CheckError.NETWORK, "validating lookup failed: " + e.getClass().getSimpleName(), server);
        }
        String reason = validationReason(response);
        int rcode = response.getRcode();
        if (rcode == Rcode.SERVFAIL && reason != null) {
            seen.add(Security.BOGUS);
            reasons.add(name + " " + type + ": " + reason);
        } else if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            seen.add(Security.INDETERMINATE);
            reasons.add(name + " " + type + ": the server answered " + Rcode.string(rcode));
        } else if (response.getHeader().getFlag(Flags.AD)) {
            seen.add(Security.SECURE);
        } else {
            seen.add(Security.INSECURE);
        }
        // the validator strips nothing a wire parse needs; answers are read the same way as every live lookup
        for (Record r : response.getSection(Section.ADDITIONAL)) {
            if (r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS) {
                response.removeRecord(r, Section.ADDITIONAL);
            }
        }
        return ResolverDnsObserver.interpret(DnsWire.parse(response.toWire()), server, DnsNames.canonical(name), type);
    }

    private static String validationReason(Message m) {
        for (Record r : m.getSection(Section.ADDITIONAL)) {
            if (r instanceof TXTRecord t && r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS) {
                return org.maildrift.files.Printable.of(String.join("", t.getStrings()), 400);
            }
        }
        return null;
    }
}

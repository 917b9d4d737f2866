package org.maildrift.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.maildrift.mta.model.SendingSettings;

/**
 * The ways mail leaves a host as receivers see them: the addresses it comes from (per family: the bind
 * address when one is set, else the host's own; through a relay, the relay's), the HELO name, and the
 * domains its senders are in (the configuration's, the DKIM signing domains, the inventory's sends-for).
 */
public final class SenderPaths {

    /** One address receivers see mail of {@code host} come from, and why. */
    public record Egress(String address, Step source) {
        public boolean v6() {
            return address.indexOf(':') >= 0;
        }
    }

    /** One domain the host sends for, and where that is said. */
    public record SendingDomain(String domain, String where) {
    }

    private SenderPaths() {
    }

    /** The domains a host sends for, in order: configuration, DKIM signing, inventory; duplicates dropped. */
    public static List<SendingDomain> domains(Evidence.HostConfig h) {
        Map<String, SendingDomain> out = new LinkedHashMap<>();
        for (SendingSettings.Setting s : h.names().sending().domains()) {
            add(out, s.value(), s.describe());
        }
        h.dkim().keys().forEach(k -> add(out, k.domain(), "signs DKIM for it (" + k.describe() + ")"));
        h.host().sendsFor().forEach(d -> add(out, d, "sends-for in the inventory"));
        return List.copyOf(out.values());
    }

    private static void add(Map<String, SendingDomain> out, String name, String where) {
        String d = Evidence.plain(name);
        if (Evidence.isCheckable(d)) {
            out.putIfAbsent(d, new SendingDomain(d, where));
        }
    }

    /** The HELO name the host's SMTP client gives: its configured one, else the MTA's own name, else its host name. */
    public static String helo(Evidence.HostConfig h) {
        SendingSettings.Setting s = h.names().sending().helo();
        if (s != null) {
            return Evidence.plain(s.value());
        }
        return Evidence.plain(h.names().ownName() != null ? h.names().ownName() : h.host().hostname());
    }

    /**
     * The addresses receivers see; inconclusive (thrown) when the host hands its mail to a relay that is
     * neither an inventory host nor declared with its addresses.
     */
    public static List<Egress> egress(Evidence evidence, Evidence.HostConfig h) {
        return egress(evidence, h, h.names().sending().relay());
    }

    /**
     * The addresses receivers see mail from {@code sender} come from: through the relay the host picks for that
     * sender (Postfix sender_dependent_relayhost_maps), else as {@link #egress(Evidence, Evidence.HostConfig)};
     * inconclusive when the host's sender-dependent relays cannot be read.
     */
    public static List<Egress> egress(Evidence evidence, Evidence.HostConfig h, String sender) {
        SendingSettings.SenderRelays relays = h.names().sending().senderRelays();
        SendingSettings.Setting chosen = relays.relayFor(sender);
        if (chosen == null && relays.unreadable() != null) {
            throw new InconclusiveException(new Inconclusive(h.id(), "SPF", "sender-relay-unknown", null, null,
                    "the relay " + h.id() + " uses for " + sender + " is unknown: " + relays.unreadable()));
        }
        return egress(evidence, h, chosen != null ? chosen : h.names().sending().relay());
    }

    private static List<Egress> egress(Evidence evidence, Evidence.HostConfig h, SendingSettings.Setting relaySetting) {
        SendingSettings s = h.names().sending();
        if (relaySetting != null) {
            String relay = relayName(relaySetting.value());
            for (Evidence.HostConfig r : evidence.hosts()) {
                if (r != h && (Evidence.plain(r.host().hostname()).equals(relay) || r.id().equalsIgnoreCase(relay))) {
                    List<Egress> out = new ArrayList<>();
                    for (Egress e : direct(r)) {
                        out.add(new Egress(e.address(), new Step.Note(h.id() + " hands its mail to " + r.id() + " ("
                                + relaySetting.describe() + "); " + e.source().text(), List.of())));
                    }
                    return out;
                }
            }
            if (!h.host().relayAddresses().isEmpty()) {
                return h.host().relayAddresses().stream().map(a -> new Egress(a, new Step.Note(h.id()
                        + " hands its mail to " + relay + " (" + relaySetting.describe() + "), which sends from " + a
                        + " (relay-addresses in the inventory)", List.of()))).toList();
            }
            throw new InconclusiveException(new Inconclusive(h.id(), "SPF", "relay-addresses-unknown", null, null,
                    h.id() + " hands its mail to " + relay + " (" + relaySetting.describe() + "), which is not an inventory "
                            + "host; list the addresses it sends from under the host's relay-addresses"));
        }
        return direct(h);
    }

    /**
     * The addresses a host sends from itself: per family it uses (Postfix inet_protocols, Exim disable_ipv6),
     * its bind address, else its own public ones.
     */
    public static List<Egress> direct(Evidence.HostConfig h) {
        List<Egress> out = new ArrayList<>();
        SendingSettings.Setting bind4 = null;
        SendingSettings.Setting bind6 = null;
        for (SendingSettings.Setting b : h.names().sending().bindAddresses()) {
            if (b.value().indexOf(':') >= 0) {
                bind6 = b;
            } else {
                bind4 = b;
            }
        }
        for (boolean v6 : new boolean[] {false, true}) {
            if (!h.names().sending().sendsOver(v6)) {
                continue;
            }
            SendingSettings.Setting bind = v6 ? bind6 : bind4;
            if (bind != null) {
                out.add(new Egress(bind.value(), new Step.Note(h.id() + " sends from " + bind.value() + " ("
                        + bind.describe() + ")", List.of())));
                continue;
            }
            for (String a : h.host().addresses()) {
                if ((a.indexOf(':') >= 0) == v6 && isPublic(a)) {
                    out.add(new Egress(a, new Step.Note(h.id() + " sends from its address " + a + " (no "
                            + (v6 ? "IPv6" : "IPv4") + " bind address is configured)", List.of())));
                }
            }
        }
        return out;
    }

    /** relayhost's "[relay.example.net]:587", sendmail's "esmtp:[relay]": the relay's name, lower case. */
    public static String relayName(String value) {
        String v = value.trim();
        int comma = v.indexOf(',');
        if (comma > 0) {
            v = v.substring(0, comma).trim();
        }
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            v = end > 0 ? v.substring(1, end) : v.substring(1);
        } else {
            int colon = v.lastIndexOf(':');
            if (colon > 0 && v.indexOf(':') == colon) {
                v = v.substring(0, colon);
            }
        }
        return Evidence.plain(v.toLowerCase(Locale.ROOT));
    }

    /**
     * Receivers never see loopback, link-local, RFC 1918, shared (100.64/10) or unique-local addresses: mail
     * from those leaves through a NAT or a relay, which the inventory must name.
     */
    public static boolean isPublic(String a) {
        String l = a.toLowerCase(Locale.ROOT);
        if (l.indexOf(':') >= 0) {
            return !(l.equals("::1") || l.startsWith("fe8") || l.startsWith("fe9") || l.startsWith("fea")
                    || l.startsWith("feb") || l.startsWith("fc") || l.startsWith("fd"));
        }
        String[] p = l.split("\\.");
        if (p.length != 4) {
            return false;
        }
        int a0 = Integer.parseInt(p[0]);
        int a1 = Integer.parseInt(p[1]);
        return !(a0 == 127 || a0 == 10 || a0 == 169 && a1 == 254 || a0 == 172 && a1 >= 16 && a1 <= 31
                || a0 == 192 && a1 == 168 || a0 == 100 && a1 >= 64 && a1 <= 127 || a0 == 0);
    }
}

package org.maildrift.rules.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.dns.model.Validated;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.InconclusiveException;
import org.maildrift.tls.CertificateChain;
import org.maildrift.tls.MtaSts;
import org.maildrift.tls.ServedTls;
import org.maildrift.tls.Tlsa;

/**
 * What one host's TLS looks like from DNS and from its configuration, for people (the dashboard's host
 * page): the keys it presents, the TLSA records of each name senders reach it by with their DNSSEC state
 * and which key each record matches, and the MTA-STS policy of each watched domain whose MX reaches it.
 * Built from the same evidence and matching as the TLSA and MTA-STS rules; what is unknown says so.
 */
public final class TlsOverview {

    /** One certificate file the host presents. */
    public record Key(String source, String key, List<String> names, String notAfter, String tlsa, String problem) {
        public Key {
            names = List.copyOf(names);
        }
    }

    /** The TLSA records at one name, with their state; each record says which key it matches. */
    public record Dane(String name, String state, List<String> records) {
        public Dane {
            records = List.copyOf(records);
        }
    }

    /** One watched domain's MTA-STS policy as it bears on one MX exchange of this host. */
    public record Sts(String domain, String exchange, String state) {
    }

    public record HostTls(String offered, List<Key> keys, List<Dane> dane, List<Sts> sts) {
        public HostTls {
            keys = List.copyOf(keys);
            dane = List.copyOf(dane);
            sts = List.copyOf(sts);
        }
    }

    private TlsOverview() {
    }

    public static HostTls of(Evidence evidence, Evidence.HostConfig host) {
        ServedTls tls = host.tls();
        String offered = tls.offered() ? "offers STARTTLS" + (tls.why() != null ? " (" + tls.why() + ")" : "")
                : tls.why() == null ? "offers no STARTTLS" : tls.why();
        List<Key> keys = new ArrayList<>();
        for (CertificateChain c : tls.chains()) {
            if (!c.readable()) {
                keys.add(new Key(c.describe(), null, List.of(), null, null, c.problem()));
            } else {
                keys.add(new Key(c.describe(), c.leaf().keyLabel(), c.leaf().dnsNames(), c.leaf().notAfter().toString(),
                        Tlsa.endEntity(c.leaf()).text(), null));
            }
        }
        tls.unresolved().forEach(u -> keys.add(new Key("not evaluated", null, List.of(), null, null, u)));

        List<Dane> dane = new ArrayList<>();
        for (DaneTargets.Target t : DaneTargets.of(evidence, new Findings())) {
            if (!t.host().id().equals(host.id())) {
                continue;
            }
            try {
                Optional<Validated> v = DaneTargets.tlsa(evidence, t);
                if (v.isEmpty()) {
                    continue;
                }
                DnsAnswer a = v.get().answer();
                if (a.outcome() != Outcome.ANSWER) {
                    dane.add(new Dane(t.base(), v.get().security().label() + ", no TLSA (" + a.outcome().label() + ")",
                            List.of()));
                    continue;
                }
                List<String> records = new ArrayList<>();
                for (String r : a.records()) {
                    records.add(r + ": " + verdict(r, tls));
                }
                dane.add(new Dane(t.base(), v.get().security().label(), records));
            } catch (InconclusiveException e) {
                dane.add(new Dane(t.base(), "not known: " + e.inconclusive().reason(), List.of()));
            }
        }

        List<Sts> sts = new ArrayList<>();
        for (String domain : StsPolicies.domains(evidence)) {
            try {
                DnsAnswer mx = evidence.fact(domain, RecordType.MX);
                if (mx.outcome() != Outcome.ANSWER) {
                    continue;
                }
                for (String rec : mx.records()) {
                    String exchange = DnsNames.relative(rec.substring(rec.indexOf(' ') + 1));
                    if (exchange.equals(".") || evidence.addresses(exchange).stream()
                            .noneMatch(host.host().addresses()::contains)) {
                        continue;
                    }
                    Optional<StsPolicies.Published> p = StsPolicies.of(evidence, domain);
                    String state;
                    if (p.isEmpty()) {
                        state = "no MTA-STS policy";
                    } else if (p.get().problem() != null) {
                        state = "malformed: " + p.get().problem();
                    } else {
                        MtaSts.Policy policy = p.get().policy();
                        state = "mode " + policy.mode().label() + ", id " + p.get().record().id() + ", max_age "
                                + policy.maxAge() + " s, " + policy.covering(exchange).map(m -> "mx " + m + " covers it")
                                        .orElse("no mx pattern covers it") + " (" + p.get().fetch().source() + ")";
                    }
                    sts.add(new Sts(domain, exchange, state));
                }
            } catch (InconclusiveException e) {
                sts.add(new Sts(domain, "", "not known: " + e.inconclusive().reason()));
            }
        }
        return new HostTls(offered, keys, dane, sts);
    }

    private static String verdict(String record, ServedTls tls) {
        Optional<Tlsa> t = Tlsa.parse(record);
        if (t.isEmpty()) {
            return "does not parse";
        }
        Optional<String> unusable = t.get().unusable();
        if (unusable.isPresent()) {
            return "unusable (" + unusable.get() + ")";
        }
        List<String> matched = new ArrayList<>();
        for (CertificateChain c : tls.chains()) {
            if (c.readable() && t.get().matches(c.certificates())) {
                matched.add(c.leaf().keyLabel() + " of " + c.path());
            }
        }
        return matched.isEmpty() ? "matches no key the host presents (a rollover's next key, or stale)"
                : "matches " + String.join(", ", matched);
    }
}

package org.maildrift.rules.tls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Step;

/**
 * The names DANE senders look up TLSA for, per host: every MX exchange of a watched name that resolves to
 * one of the host's addresses, and the host's own inventory name. A watched name whose MX lookup fails is
 * inconclusive for itself alone.
 */
final class DaneTargets {

    /** One name a host answers for as an SMTP server, and how a sender gets there. */
    record Target(Evidence.HostConfig host, String name, List<Step> how, boolean ownName) {
        String base() {
            return "_25._tcp." + name;
        }
    }

    private DaneTargets() {
    }

    /** The targets with what could not be found out on the way; computed once per evidence. */
    private record Computed(List<Target> targets, List<org.maildrift.rules.Inconclusive> gaps) {
    }

    /** The targets; a watched name whose lookups fail is reported inconclusive to {@code findings}. */
    static List<Target> of(Evidence evidence, Findings findings) {
        Computed c = evidence.derived("dane-targets", DaneTargets::compute);
        c.gaps().forEach(findings::inconclusive);
        return c.targets();
    }

    private static Computed compute(Evidence evidence) {
        Findings findings = new Findings();
        List<org.maildrift.rules.Inconclusive> gaps = new ArrayList<>();
        Map<String, Target> out = new LinkedHashMap<>();
        findings.each(evidence.watched(), w -> {
            DnsAnswer mx = evidence.fact(w.name(), RecordType.MX);
            if (mx.outcome() != Outcome.ANSWER) {
                return;
            }
            for (String rec : mx.records()) {
                String[] parts = rec.split(" ", 2);
                if (parts[1].equals(".")) {
                    continue;
                }
                String exchange = DnsNames.relative(parts[1]);
                for (String address : evidence.addresses(exchange)) {
                    String owner = evidence.owner(address).orElse(null);
                    Evidence.HostConfig h = owner == null ? null : evidence.host(owner);
                    if (h != null && !out.containsKey(h.id() + " " + exchange)) {
                        List<Step> how = List.of(new Step.Exchange(DnsNames.relative(mx.finalName()),
                                Integer.parseInt(parts[0]), exchange),
                                new Step.Address(exchange, address, h.id(), false));
                        out.put(h.id() + " " + exchange, new Target(h, exchange, how, false));
                    }
                }
            }
        });
        for (Evidence.HostConfig h : evidence.hosts()) {
            String own = Evidence.plain(h.host().hostname());
            out.putIfAbsent(h.id() + " " + own, new Target(h, own,
                    List.of(new Step.Note(own + " is the inventory name of host " + h.id(), List.of(own))), true));
        }
        gaps.addAll(findings.inconclusiveResults());
        return new Computed(List.copyOf(out.values()), gaps);
    }

    /**
     * The TLSA answer of a target with its DNSSEC state. A host's own name outside every loaded zone is not
     * a DANE name of this estate: empty, rather than inconclusive; any other failure is inconclusive.
     */
    static java.util.Optional<org.maildrift.dns.model.Validated> tlsa(Evidence evidence, Target t) {
        try {
            return java.util.Optional.of(evidence.validated(t.base(), RecordType.TLSA));
        } catch (org.maildrift.rules.InconclusiveException e) {
            if (t.ownName() && e.inconclusive().outcome().equals(
                    org.maildrift.dns.model.CheckError.NOT_COVERED.label())) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    /** The records as TLSA values, with the lines that show them and their DNSSEC state. */
    static List<Step> recordSteps(DnsAnswer answer, String state) {
        List<Step> steps = new ArrayList<>();
        String owner = DnsNames.relative(answer.finalName());
        for (String r : answer.records()) {
            steps.add(new Step.Note(owner + " TLSA " + r + " (" + state + ")", List.of(owner)));
        }
        return steps;
    }
}

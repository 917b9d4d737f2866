package org.maildrift.rules.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.InconclusiveException;
import org.maildrift.rules.Step;
import org.maildrift.tls.MtaSts;
import org.maildrift.tls.PolicyFetch;

/**
 * A watched domain's MTA-STS state as a sender sees it: no record (no MTA-STS), a record that is malformed,
 * or a record with the policy fetched and parsed. A policy that could not be fetched for a reason that may
 * pass (a timeout) is inconclusive.
 */
final class StsPolicies {

    /** What the domain publishes; {@code problem} says what is malformed, else {@code policy} is valid. */
    record Published(String domain, String txtName, List<String> txt, MtaSts.Record record, PolicyFetch fetch,
            MtaSts.Policy policy, String problem) {

        Step txtStep() {
            return new Step.Note(txtName + " TXT " + String.join(" | ", txt), List.of(txtName));
        }

        Step policyStep() {
            return new Step.Note("policy " + fetch.source() + ": mode " + policy.mode().label() + ", mx "
                    + String.join(", ", policy.mx()) + ", max_age " + policy.maxAge(), List.of());
        }
    }

    private StsPolicies() {
    }

    /** Empty when the domain publishes no MTA-STS record (no TXT beginning with v=STSv1). */
    static Optional<Published> of(Evidence evidence, String domain) {
        String name = "_mta-sts." + domain;
        DnsAnswer a = evidence.fact(name, RecordType.TXT);
        if (a.outcome() != Outcome.ANSWER) {
            return Optional.empty();
        }
        List<String> txt = new ArrayList<>(a.records());
        Optional<MtaSts.Record> record = MtaSts.record(txt);
        String txtName = DnsNames.relative(a.finalName());
        if (record.isEmpty()) {
            return Optional.empty();
        }
        if (!record.get().valid()) {
            return Optional.of(new Published(domain, txtName, txt, record.get(), null, null, record.get().problem()));
        }
        PolicyFetch fetch = evidence.mtaStsPolicy(domain);
        if (!fetch.ok()) {
            if (!fetch.definite()) {
                throw new InconclusiveException(new Inconclusive(name, "MTA-STS", "policy-unavailable", null,
                        evidence.view(), fetch.source() + ": " + fetch.failure()));
            }
            return Optional.of(new Published(domain, txtName, txt, record.get(), fetch, null,
                    "the policy is not served: " + fetch.failure()));
        }
        MtaSts.Policy policy = MtaSts.policy(fetch.text());
        if (!policy.valid()) {
            return Optional.of(new Published(domain, txtName, txt, record.get(), fetch, policy,
                    "the policy at " + fetch.source() + " does not parse: " + policy.problem()));
        }
        return Optional.of(new Published(domain, txtName, txt, record.get(), fetch, policy, null));
    }

    /** A valid policy in testing or enforce mode, with the domain's MX records: what the MX rules check. */
    record Active(Published published, DnsAnswer mx) {
        MtaSts.Policy policy() {
            return published.policy();
        }

        boolean enforce() {
            return policy().mode() == MtaSts.Mode.ENFORCE;
        }
    }

    /** Empty when the domain has no usable policy, one in mode none, or no MX records. */
    static Optional<Active> active(Evidence evidence, String domain) {
        Optional<Published> p = of(evidence, domain);
        if (p.isEmpty() || p.get().problem() != null || p.get().policy().mode() == MtaSts.Mode.NONE) {
            return Optional.empty();
        }
        DnsAnswer mx = evidence.fact(domain, RecordType.MX);
        return mx.outcome() == Outcome.ANSWER ? Optional.of(new Active(p.get(), mx)) : Optional.empty();
    }

    /** The watched mail domains. */
    static List<String> domains(Evidence evidence) {
        return evidence.watched().stream().filter(w -> w.kind() == Evidence.WatchKind.DOMAIN).map(Evidence.Watched::name)
                .toList();
    }
}

package org.maildrift.rules.tls;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.dns.model.Security;
import org.maildrift.dns.model.Validated;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.InconclusiveException;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;
import org.maildrift.tls.Certificate;
import org.maildrift.tls.CertificateChain;
import org.maildrift.tls.ServedTls;
import org.maildrift.tls.Tlsa;

/**
 * Every key a host can present must be named by a usable TLSA record of each MX name that reaches it.
 * Records are compared as a set: any match counts, and an extra record is the next key of a rollover.
 * Each configured certificate counts on its own (an RSA and an ECDSA chain), because a sender may
 * negotiate either. Only where DANE applies: the TLSA answer is secure, or authoritative from zone files.
 */
@RuleDefinition(id = "tlsa-matches-no-configured-key", severity = Severity.CRITICAL,
        summary = "A key the host presents is matched by no TLSA record of the MX name: DANE senders defer its mail")
public final class TlsaMatchesConfiguredKey implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(DaneTargets.of(evidence, findings), t -> {
            Validated v = DaneTargets.tlsa(evidence, t).orElse(null);
            if (v == null) {
                return;
            }
            if (v.answer().outcome() != Outcome.ANSWER || v.security() == Security.BOGUS
                    || v.security() == Security.INSECURE) {
                return;
            }
            if (v.security() == Security.INDETERMINATE) {
                findings.inconclusive(new Inconclusive(t.base(), "TLSA", "dnssec-indeterminate", v.answer().server(),
                        evidence.view(), "whether DANE applies to " + t.name() + " is unknown: " + v.reason()));
                return;
            }
            List<Tlsa> usable = new ArrayList<>();
            for (String r : v.answer().records()) {
                Tlsa.parse(r).filter(x -> x.unusable().isEmpty()).ifPresent(usable::add);
            }
            if (usable.isEmpty()) {
                return; // no usable record: senders fall back to unauthenticated TLS (tlsa-unusable says so)
            }
            List<Step> steps = new ArrayList<>(t.how());
            steps.addAll(DaneTargets.recordSteps(v.answer(), v.security().label()));
            ServedTls tls = t.host().tls();
            String host = t.host().id();
            if (tls.chains().isEmpty() && !tls.unresolved().isEmpty()) {
                throw new InconclusiveException(new Inconclusive(t.base(), "TLSA", "certificate-unresolved", null,
                        evidence.view(), "which keys " + host + " presents is unknown: "
                                + String.join("; ", tls.unresolved())));
            }
            if (!tls.offered() || tls.chains().isEmpty()) {
                findings.report(new Drift(host, t.base(), t.base() + " publishes TLSA, but host " + host + " "
                        + (tls.why() == null ? "offers no STARTTLS" : "cannot match it: " + tls.why())
                        + "; DANE senders defer every message to " + t.name(), steps,
                        new Fix("configure the SMTP server with a certificate whose key a TLSA record of " + t.base()
                                + " names, or withdraw those TLSA records (and wait out their TTL) before TLS goes", null)));
                return;
            }
            for (CertificateChain chain : tls.chains()) {
                if (!chain.readable()) {
                    findings.inconclusive(new Inconclusive(t.base(), "TLSA", "certificate-unreadable", null,
                            evidence.view(), "whether " + host + "'s key in " + chain.describe()
                                    + " is published is unknown: " + chain.problem()));
                    continue;
                }
                if (usable.stream().anyMatch(r -> r.matches(chain.certificates()))) {
                    continue;
                }
                Certificate leaf = chain.leaf();
                List<Step> lines = new ArrayList<>(steps);
                lines.add(new Step.Note(host + " presents " + leaf.keyLabel() + " from " + chain.describe()
                        + ", expiring " + leaf.notAfter(), List.of()));
                String record = t.base() + ". IN TLSA " + Tlsa.endEntity(leaf).text();
                findings.report(new Drift(host, t.base() + " " + chain.path(),
                        "no TLSA record of " + t.base() + " matches the " + leaf.keyLabel() + " key host " + host
                                + " presents (" + chain.path() + "); DANE senders that negotiate it defer every "
                                + "message to " + t.name(),
                        lines, new Fix("publish " + record + " beside the records there, at least one TTL of those "
                                + "records before the server presents this key (current + next); keep the old records "
                                + "until no server presents their key", null)));
            }
            if (!tls.unresolved().isEmpty()) {
                throw new InconclusiveException(new Inconclusive(t.base(), "TLSA", "certificate-unresolved", null,
                        evidence.view(), "some keys of " + host + " cannot be known: "
                                + String.join("; ", tls.unresolved())));
            }
        });
    }
}

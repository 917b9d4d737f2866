package org.maildrift.rules.tls;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;
import org.maildrift.tls.CertificateChain;
import org.maildrift.tls.MtaSts;

/**
 * Under an MTA-STS policy a sender checks that the MX host's certificate names the MX name (RFC 8461
 * section 4.2). For every MX exchange of such a domain that reaches an inventory host, each certificate the
 * host's configuration presents must cover the exchange name (a leftmost {@code *} stands for one label).
 */
@RuleDefinition(id = "mta-sts-certificate-name-mismatch", severity = Severity.CRITICAL,
        summary = "Under an MTA-STS policy, a certificate the MX host presents does not name the MX host")
public final class MtaStsCertificateCoversMx implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(StsPolicies.domains(evidence), domain -> StsPolicies.active(evidence, domain).ifPresent(a -> {
            StsPolicies.Published p = a.published();
            DnsAnswer mx = a.mx();
            boolean enforce = a.enforce();
            for (String rec : mx.records()) {
                String[] parts = rec.split(" ", 2);
                if (parts[1].equals(".")) {
                    continue;
                }
                String exchange = DnsNames.relative(parts[1]);
                java.util.Map<String, String> reachedHosts = new java.util.LinkedHashMap<>();
                for (String address : evidence.addresses(exchange)) {
                    evidence.owner(address).ifPresent(o -> reachedHosts.putIfAbsent(o, address));
                }
                for (java.util.Map.Entry<String, String> r : reachedHosts.entrySet()) {
                    Evidence.HostConfig h = evidence.host(r.getKey());
                    String reached = r.getValue();
                    if (h == null) {
                        continue;
                    }
                    List<Step> base = new ArrayList<>();
                    base.add(new Step.Exchange(DnsNames.relative(mx.finalName()), Integer.parseInt(parts[0]), exchange));
                    base.add(new Step.Address(exchange, reached, h.id(), false));
                    base.add(p.policyStep());
                    if (h.tls().chains().isEmpty() && !h.tls().unresolved().isEmpty()) {
                        findings.inconclusive(new Inconclusive(exchange, "certificate", "certificate-unresolved", null,
                                evidence.view(), "which certificate " + h.id() + " presents is unknown: "
                                        + String.join("; ", h.tls().unresolved())));
                        continue;
                    }
                    if (!h.tls().offered()) {
                        report(findings, enforce, new Drift(h.id(), domain + " " + exchange, "host " + h.id()
                                + " offers no STARTTLS (" + h.tls().why() + "), and the MTA-STS policy of " + domain
                                + " requires TLS to " + exchange, base,
                                new Fix("enable STARTTLS with a certificate for " + exchange + " on " + h.id(), null)));
                        continue;
                    }
                    for (CertificateChain chain : h.tls().chains()) {
                        if (!chain.readable()) {
                            findings.inconclusive(new Inconclusive(exchange, "certificate", "certificate-unreadable",
                                    null, evidence.view(), "whether " + chain.describe() + " names " + exchange
                                            + " is unknown: " + chain.problem()));
                            continue;
                        }
                        if (MtaSts.certificateCovers(chain.leaf().dnsNames(), exchange)) {
                            continue;
                        }
                        List<Step> steps = new ArrayList<>(base);
                        steps.add(new Step.Note(h.id() + " presents " + chain.describe() + " for "
                                + String.join(", ", chain.leaf().dnsNames()), List.of()));
                        report(findings, enforce, new Drift(h.id(), domain + " " + exchange + " " + chain.path(),
                                "the certificate " + chain.path() + " of host " + h.id() + " names "
                                        + String.join(", ", chain.leaf().dnsNames()) + ", not the MX " + exchange
                                        + "; under the MTA-STS policy of " + domain + " (mode "
                                        + p.policy().mode().label() + ") senders "
                                        + (enforce ? "refuse to deliver" : "report the failure"), steps,
                                new Fix("give " + h.id() + " a certificate whose names include " + exchange + " ("
                                        + chain.setting() + " in " + chain.file() + ")", null)));
                    }
                }
            }
        }));
    }

    private static void report(Findings findings, boolean enforce, Drift d) {
        findings.report(enforce ? d : d.at(Severity.WARNING));
    }
}

package org.maildrift.rules.spf;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.dns.model.DnsNames;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.InconclusiveException;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.SenderPaths;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;
import org.maildrift.spf.SpfEvaluator;
import org.maildrift.spf.SpfRecords;
import org.maildrift.spf.SpfResult;
import org.maildrift.spf.SpfVerdict;

/**
 * Every address receivers see a host's mail come from must pass SPF for every domain the host sends for.
 * After a readdressing the record still names the old address: receivers that enforce -all reject the mail
 * (critical), ~all sends it to spam folders (a warning). Evaluated by RFC 7208's check_host() over this
 * view's DNS, so a precheck's proposed records count too.
 */
@RuleDefinition(id = "spf-excludes-egress-address", severity = Severity.CRITICAL,
        summary = "SPF of a domain a host sends for fails an address the host sends from")
public final class SpfAuthorizesEgressAddress implements Rule {

    record Subject(Evidence.HostConfig host, SenderPaths.SendingDomain domain) {
    }

    @Override
    public void check(Evidence evidence, Findings findings) {
        SpfEvaluator spf = SpfEvaluator.asking(evidence::answer);
        List<Subject> subjects = new ArrayList<>();
        for (Evidence.HostConfig h : evidence.hosts()) {
            SenderPaths.domains(h).forEach(d -> subjects.add(new Subject(h, d)));
        }
        findings.each(subjects, s -> {
            Evidence.HostConfig h = s.host();
            String domain = s.domain().domain();
            String helo = SenderPaths.helo(h);
            for (SenderPaths.Egress e : SenderPaths.egress(evidence, h, "postmaster@" + domain)) {
                SpfVerdict v = spf.check(e.address(), "postmaster@" + domain, helo);
                if (v.inconclusive()) {
                    throw new InconclusiveException(new Inconclusive(DnsNames.relative(v.failed().name()),
                            v.failed().type().name(), v.failed().error().label(), v.failed().server(),
                            v.failed().view(), "SPF of " + domain + " for " + e.address() + ": " + v.failed().detail()));
                }
                if (v.result() != SpfResult.FAIL && v.result() != SpfResult.SOFTFAIL) {
                    continue;
                }
                String record = SpfRecords.published(evidence.fact(domain, org.maildrift.dns.model.RecordType.TXT))
                        .stream().findFirst().orElse("");
                List<Step> steps = new ArrayList<>();
                steps.add(new Step.Note(h.id() + " sends mail for " + domain + " (" + s.domain().where() + ")",
                        List.of(domain)));
                steps.add(e.source());
                steps.add(new Step.Note(domain + " TXT " + SpfRecords.shown(record), List.of(domain)));
                steps.add(new Step.Note("check_host(" + e.address() + ", " + domain + ") = " + v.result().label()
                        + (v.result() == SpfResult.FAIL ? " (-all)" : " (~all)"), List.of(domain)));
                String mechanism = (e.v6() ? "ip6:" : "ip4:") + e.address();
                Drift d = new Drift(h.id(), domain, "SPF of " + domain + " " + v.result().label() + "s " + e.address()
                        + ", which " + h.id() + " sends " + domain + " mail from; receivers "
                        + (v.result() == SpfResult.FAIL ? "that enforce SPF reject it" : "mark it as suspect"),
                        steps, new Fix("add " + mechanism + " to the SPF record: publish " + domain + ". IN TXT \""
                                + SpfRecords.shown(withMechanism(record, mechanism)) + "\"", null));
                findings.report(v.result() == SpfResult.FAIL ? d : d.at(Severity.WARNING));
            }
        });
    }

    /** The record with {@code mechanism} added before its final all or redirect (or at its end). */
    static String withMechanism(String record, String mechanism) {
        List<String> terms = new ArrayList<>(List.of(record.trim().split(" +")));
        int at = terms.size();
        for (int i = 1; i < terms.size(); i++) {
            String t = terms.get(i).toLowerCase(java.util.Locale.ROOT);
            String body = t.isEmpty() || "+-~?".indexOf(t.charAt(0)) < 0 ? t : t.substring(1);
            if (body.equals("all") || body.startsWith("redirect=")) {
                at = i;
                break;
            }
        }
        terms.add(Math.max(1, at), mechanism);
        return String.join(" ", terms);
    }
}

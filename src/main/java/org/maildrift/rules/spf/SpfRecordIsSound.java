package org.maildrift.rules.spf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import org.maildrift.spf.SpfRecords;

/**
 * The SPF record of a domain a host sends for must evaluate at all. Several v=spf1 records, a term that is
 * not SPF, more than ten DNS-querying terms, or an include of a domain without a record give permerror for
 * every sender, and receivers that honour DMARC then treat the mail as unauthenticated.
 */
@RuleDefinition(id = "spf-record-broken", severity = Severity.CRITICAL,
        summary = "The SPF record of a domain a host sends for gives permerror to every receiver")
public final class SpfRecordIsSound implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        // each domain once, on the first host that sends for it
        Map<String, Evidence.HostConfig> senders = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        for (Evidence.HostConfig h : evidence.hosts()) {
            for (SenderPaths.SendingDomain d : SenderPaths.domains(h)) {
                if (senders.putIfAbsent(d.domain(), h) == null) {
                    where.put(d.domain(), d.where());
                }
            }
        }
        findings.each(senders.keySet(), domain -> {
            SpfRecords.Analysis a = SpfRecords.analyze(domain, evidence::answer);
            if (a.failed() != null) {
                throw new InconclusiveException(new Inconclusive(DnsNames.relative(a.failed().name()),
                        a.failed().type().name(), a.failed().error().label(), a.failed().server(), a.failed().view(),
                        a.failed().detail()));
            }
            if (a.problems().isEmpty()) {
                return;
            }
            Evidence.HostConfig h = senders.get(domain);
            List<Step> steps = new ArrayList<>();
            steps.add(new Step.Note(h.id() + " sends mail for " + domain + " (" + where.get(domain) + ")", List.of(domain)));
            for (String r : a.records()) {
                steps.add(new Step.Note(domain + " TXT " + SpfRecords.shown(r), List.of(domain)));
            }
            for (String p : a.problems()) {
                steps.add(new Step.Note(p, List.of(domain)));
            }
            findings.report(new Drift(h.id(), domain, "the SPF record of " + domain + " is broken: " + a.problems().get(0),
                    steps, new Fix(a.records().size() > 1 ? "merge the records into one v=spf1 record at " + domain
                            : a.lookups() > SpfRecords.LOOKUP_LIMIT ? "replace includes by the ip4:/ip6: ranges they "
                                    + "stand for until at most " + SpfRecords.LOOKUP_LIMIT + " DNS-querying terms remain"
                            : "correct the record of " + domain + " (or the domain it includes) so that it parses", null)));
        });
    }
}

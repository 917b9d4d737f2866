package org.maildrift.rules.identity;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.RecordType;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;

/**
 * The name the MTA calls itself (Postfix myhostname, sendmail $j) must resolve to the host: it is the
 * HELO name, the name in bounces and, by default, a local destination.
 */
@RuleDefinition(id = "hostname-not-forward-confirmed", severity = Severity.WARNING,
        summary = "The MTA's own host name does not resolve to the host's addresses")
public final class HostnameIsForwardConfirmed implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(evidence.hosts(), host -> {
            if (!host.names().errors().isEmpty()) {
                return;
            }
            String own = Evidence.plain(host.names().ownName() != null ? host.names().ownName()
                    : host.host().hostname());
            if (!Evidence.isCheckable(own)) {
                return;
            }
            List<String> resolved = evidence.addresses(own);
            if (resolved.stream().anyMatch(host.host().addresses()::contains)) {
                return;
            }
            String setting = host.names().dialect().ownNameSetting();
            List<Step> lines = new ArrayList<>();
            lines.add(new Step.Note("host " + host.id() + " calls itself " + own + " (" + setting + ", "
                    + host.configLabel() + ")", List.of(own)));
            for (RecordType t : List.of(RecordType.A, RecordType.AAAA)) {
                DnsAnswer a = evidence.fact(own, t);
                a.chain().forEach(h -> lines.add(Evidence.hop(h)));
                lines.add(new Step.Note(DnsNames.relative(a.finalName()) + " " + t + ": "
                        + (a.records().isEmpty() ? a.outcome().label() : String.join(", ", a.records())),
                        List.of(DnsNames.relative(a.finalName()))));
            }
            lines.add(new Step.Note("host " + host.id() + " has " + String.join(", ", host.host().addresses())));
            findings.report(new Drift(host.id(), own,
                    "host " + host.id() + " calls itself " + own + ", but " + own
                            + (resolved.isEmpty() ? " has no address"
                                    : " resolves to " + String.join(", ", resolved) + ", not to the host")
                            + "; receivers that check the HELO name may reject its mail",
                    lines, new Fix("add " + own + " A/AAAA " + host.host().addresses().get(0) + " to DNS, or set " + setting
                            + " to a name that resolves to " + host.id(), null, new Fix.Action.ConfirmHostname(host.id(), own))));
        });
    }
}

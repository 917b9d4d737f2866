package org.maildrift.rules.aliases;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.dns.model.CnameHop;
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

/** An MX exchange must be a host name, not an alias (RFC 2181 §10.3, RFC 5321 §5.1). */
@RuleDefinition(scope = RuleDefinition.Scope.WATCHED, id = "mx-target-is-alias", severity = Severity.WARNING,
        summary = "An MX record points at a CNAME instead of a host name")
public final class MxTargetIsNotAlias implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(evidence.watched(), w -> findings.each(Exchanges.of(evidence, w.name()), x -> {
            DnsAnswer a = evidence.fact(x.name(), RecordType.A);
            if (a.chain().isEmpty()) {
                return;
            }
            String canonical = DnsNames.relative(a.finalName());
            List<Step> lines = new ArrayList<>();
            lines.add(x.step());
            for (CnameHop h : a.chain()) {
                lines.add(Evidence.hop(h));
            }
            findings.report(new Drift(null, x.name(),
                    "the MX of " + x.owner() + " names " + x.name() + ", which is an alias of " + canonical
                            + "; RFC 2181 §10.3 forbids it and some MTAs refuse or misroute such mail",
                    lines, new Fix("change the MX of " + x.owner() + " to " + x.preference() + " " + canonical, null)));
        }));
    }
}

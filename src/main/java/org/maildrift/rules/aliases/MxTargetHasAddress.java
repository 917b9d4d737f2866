package org.maildrift.rules.aliases;

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

/** An MX exchange has neither an A nor an AAAA record (NXDOMAIN or NODATA), so no mail reaches it. */
@RuleDefinition(scope = RuleDefinition.Scope.WATCHED, id = "mx-target-without-address", severity = Severity.CRITICAL,
        summary = "An MX record points at a name without an A or AAAA record")
public final class MxTargetHasAddress implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(evidence.watched(), w -> findings.each(Exchanges.of(evidence, w.name()), x -> {
            if (!evidence.addresses(x.name()).isEmpty()) {
                return;
            }
            List<Step> lines = new ArrayList<>();
            lines.add(x.step());
            for (RecordType t : List.of(RecordType.A, RecordType.AAAA)) {
                DnsAnswer a = evidence.fact(x.name(), t);
                a.chain().forEach(h -> lines.add(Evidence.hop(h)));
                lines.add(new Step.Note(DnsNames.relative(a.finalName()) + " " + t + ": " + a.outcome().label()
                        + (a.server() == null ? "" : " (from " + a.server() + ")"), List.of(DnsNames.relative(a.finalName()))));
            }
            findings.report(new Drift(null, x.name(),
                    "the MX of " + x.owner() + " names " + x.name() + ", which has no address: mail for " + x.owner()
                            + " cannot be delivered there",
                    lines, new Fix("give " + x.name() + " an A or AAAA record, or point the MX of " + x.owner()
                            + " at a host that has one", null)));
        }));
    }
}

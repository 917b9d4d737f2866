package org.maildrift.rules.aliases;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;

/** A watched alias whose CNAME chain ends in NXDOMAIN: a dangling alias, so mail for it bounces. */
@RuleDefinition(scope = RuleDefinition.Scope.WATCHED, id = "alias-target-missing", severity = Severity.CRITICAL,
        summary = "A watched alias points at a name that does not exist")
public final class AliasTargetExists implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(evidence.watched(), w -> {
            DnsAnswer a = evidence.fact(w.name(), RecordType.A);
            if (a.outcome() != Outcome.NXDOMAIN || a.chain().isEmpty()) {
                return;
            }
            String end = DnsNames.relative(a.finalName());
            List<Step> lines = new ArrayList<>();
            a.chain().forEach(h -> lines.add(Evidence.hop(h)));
            lines.add(new Step.Note(end + ": NXDOMAIN" + (a.server() == null ? "" : " (from " + a.server() + ")"), List.of(end)));
            findings.report(new Drift(null, w.name(),
                    w.kind().label() + " " + w.name() + " is an alias of " + end
                            + ", which does not exist: mail for " + w.name() + " bounces",
                    lines, new Fix("create " + end + " (A/AAAA or MX), or point the CNAME of "
                            + DnsNames.relative(a.chain().get(a.chain().size() - 1).alias()) + " at the host that "
                            + "now serves " + w.name(), null, new Fix.Action.RepointAlias(w.name()))));
        });
    }
}

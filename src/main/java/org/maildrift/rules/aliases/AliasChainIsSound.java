package org.maildrift.rules.aliases;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.maildrift.dns.model.DnsAnswer;
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
 * The CNAME chain of a watched name or of its MX exchange loops, is longer than eight links, or has
 * several CNAMEs at one name; resolvers give up (SERVFAIL) and mail is not delivered.
 */
@RuleDefinition(scope = RuleDefinition.Scope.WATCHED, id = "alias-chain-broken", severity = Severity.CRITICAL,
        summary = "A CNAME chain loops, is longer than 8 links, or has several CNAMEs at one name")
public final class AliasChainIsSound implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        Set<String> names = new LinkedHashSet<>();
        findings.each(evidence.watched(), w -> {
            names.add(w.name());
            Exchanges.of(evidence, w.name()).forEach(x -> names.add(x.name()));
        });
        findings.each(names, name -> {
            DnsAnswer a = evidence.fact(name, RecordType.A);
            if (!a.outcome().isCnameDefect()) {
                return;
            }
            List<Step> lines = new ArrayList<>();
            a.chain().forEach(h -> lines.add(Evidence.hop(h)));
            lines.add(new Step.Note(a.outcome().label() + (a.detail() == null ? "" : ": " + a.detail()), List.of(name)));
            String what;
            switch (a.outcome()) {
                case CNAME_LOOP:
                    what = "loops";
                    break;
                case CNAME_CHAIN_TOO_LONG:
                    what = "is longer than 8 links";
                    break;
                default:
                    what = "has more than one CNAME at one name";
                    break;
            }
            findings.report(new Drift(null, name,
                    "the CNAME chain of " + name + " " + what + "; resolvers give up and mail for it is not delivered",
                    lines, new Fix("point " + name + " directly (one CNAME at most) at a name with A/AAAA records", null)));
        });
    }
}

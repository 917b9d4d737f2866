package org.maildrift.rules.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

/**
 * Each host address must have a PTR that names the host (its inventory host name or the MTA's own
 * name) and that name must resolve back to the address (forward-confirmed reverse DNS); many receivers
 * reject or down-rank mail from addresses without it.
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "reverse-dns-mismatch", severity = Severity.WARNING,
        summary = "A host address has no PTR naming the host, or the PTR name does not resolve back")
public final class ReverseDnsMatches implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(evidence.hosts(), host -> findings.each(host.host().addresses(), address -> {
            Set<String> own = new LinkedHashSet<>();
            own.add(Evidence.plain(host.host().hostname()));
            if (host.names().ownName() != null && host.names().errors().isEmpty()) {
                own.add(Evidence.plain(host.names().ownName()));
            }
            DnsAnswer ptr = evidence.fact(DnsNames.reverse(address), RecordType.PTR);
            List<Step> lines = new ArrayList<>();
            String problem;
            if (ptr.outcome() != Outcome.ANSWER) {
                lines.add(new Step.Note(DnsNames.relative(ptr.name()) + " PTR: " + ptr.outcome().label(),
                        List.of(DnsNames.relative(ptr.name()))));
                problem = address + " has no PTR record";
            } else {
                List<String> names = ptr.records().stream().map(DnsNames::relative).toList();
                names.forEach(n -> lines.add(new Step.Note(DnsNames.relative(ptr.finalName()) + " PTR " + n,
                        List.of(DnsNames.relative(ptr.finalName()), n))));
                List<String> matching = names.stream().filter(own::contains).toList();
                if (matching.isEmpty()) {
                    problem = "the PTR of " + address + " names " + String.join(", ", names) + ", not "
                            + String.join(" or ", own);
                } else {
                    for (String n : matching) {
                        List<String> back = evidence.addresses(n);
                        if (back.contains(address)) {
                            return;
                        }
                        lines.add(new Step.Note(n + " resolves to " + (back.isEmpty() ? "nothing" : String.join(", ", back)),
                                List.of(n)));
                    }
                    problem = "the PTR of " + address + " names " + String.join(", ", matching)
                            + ", which does not resolve back to " + address;
                }
            }
            String name = own.iterator().next();
            findings.report(new Drift(host.id(), address,
                    problem + " (host " + host.id() + "); receivers that require forward-confirmed reverse DNS "
                            + "reject or down-rank its mail",
                    lines, new Fix("set the PTR of " + address + " (" + DnsNames.relative(DnsNames.reverse(address)) + ") to "
                            + name + " and make sure " + name + " has the address " + address, null)));
        }));
    }
}

package org.maildrift.rules.identity;

import java.util.List;

import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Location;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;

/**
 * A host still accepts a name that no longer exists in DNS (NXDOMAIN), typically the old name after a
 * rename: a sign that the configuration was not updated with DNS, and that the new name may be missing.
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "accepted-name-stale", severity = Severity.WARNING,
        summary = "A host accepts a name that does not exist in DNS")
public final class AcceptedNameExists implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(evidence.hosts(), host -> findings.each(Evidence.checkableNames(host.names()), accepted -> {
            String name = Evidence.plain(accepted.name());
            DnsAnswer a = evidence.fact(name, RecordType.A);
            if (a.outcome() != Outcome.NXDOMAIN || !a.chain().isEmpty()) {
                return;
            }
            String file = evidence.label(accepted.source().file());
            int line = accepted.source().line();
            findings.report(new Drift(host.id(), name,
                    "host " + host.id() + " accepts " + name + " (" + accepted.addressClass().label()
                            + "), which does not exist in DNS; after a rename the new name may be missing here",
                    List.of(new Step.Accepts(host.id(), name, null, accepted.source().describe()),
                            new Step.Note(name + ": NXDOMAIN" + (a.server() == null ? "" : " (from " + a.server()
                                    + ", view " + a.view() + ")"), List.of(name))), new Fix("remove " + name + " from " + file + (line > 0 ? " line " + line : "") + " on " + host.id()
                            + " if it is retired, or restore it in DNS; check that the name that replaced it is accepted", new Location(file, line), new Fix.Action.DropName(host.id(), name))));
        }));
    }
}

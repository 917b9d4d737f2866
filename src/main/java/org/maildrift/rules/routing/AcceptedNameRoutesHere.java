package org.maildrift.rules.routing;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Location;
import org.maildrift.rules.Route;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;

/**
 * A host delivers mail for a name itself (local or virtual mailbox class) while DNS routes that name's
 * mail to another host: mail submitted on this host never reaches the real one.
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "accepted-name-routes-elsewhere", severity = Severity.WARNING,
        summary = "A host delivers mail for a name locally that DNS routes to another host")
public final class AcceptedNameRoutesHere implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(evidence.hosts(), host -> {
            List<AcceptedName> names = Evidence.checkableNames(host.names()).stream()
                    .filter(a -> a.addressClass() == AddressClass.LOCAL
                            || a.addressClass() == AddressClass.VIRTUAL_MAILBOX)
                    .toList();
            findings.each(names, accepted -> {
                String name = Evidence.plain(accepted.name());
                Route route = evidence.route(name);
                if (route.status() != Route.Status.ROUTED) {
                    return;
                }
                if (route.addresses().stream().anyMatch(host.host().addresses()::contains)) {
                    return;
                }
                List<String> elsewhere = evidence.hostsReached(route);
                String where = elsewhere.isEmpty() ? String.join(", ", route.addresses())
                        : "host " + String.join(", ", elsewhere);
                List<Step> lines = new ArrayList<>();
                lines.add(new Step.Accepts(host.id(), name, accepted.addressClass().label(),
                        accepted.source().describe()));
                lines.addAll(evidence.describe(route));
                findings.report(new Drift(host.id(), name,
                        "host " + host.id() + " delivers mail for " + name + " itself, but DNS routes " + name
                                + " to " + where + ": mail for " + name + " sent through " + host.id()
                                + " never gets there",
                        lines, new Fix("remove " + name + " from " + evidence.label(accepted.source().file())
                                + (accepted.source().line() > 0 ? " line " + accepted.source().line() : "")
                                + " on " + host.id() + ", or route " + name + " to " + host.id() + " in DNS", new Location(evidence.label(accepted.source().file()), accepted.source().line()), new Fix.Action.DropName(host.id(), name))));
            });
        });
    }
}

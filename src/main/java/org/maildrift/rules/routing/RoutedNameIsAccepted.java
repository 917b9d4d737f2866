package org.maildrift.rules.routing;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.mta.model.Acceptance;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.Verdict;
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

/** Mail for a watched name or domain is routed to a host that accepts it in no address class. */
@RuleDefinition(scope = RuleDefinition.Scope.WATCHED, id = "routed-name-not-accepted", severity = Severity.CRITICAL,
        summary = "Mail for a watched name is routed to a host that does not accept it")
public final class RoutedNameIsAccepted implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(evidence.watched(), w -> {
            Route route = evidence.route(w.name());
            if (route.status() != Route.Status.ROUTED) {
                return;
            }
            for (String host : evidence.hostsReached(route)) {
                Acceptance a = evidence.acceptance(host, w.name());
                if (a.verdict() == Verdict.YES) {
                    continue;
                }
                Evidence.AcceptanceSite site = evidence.siteFor(host, null, AddressClass.LOCAL);
                List<Step> lines = new ArrayList<>(evidence.describe(route));
                lines.add(new Step.NotAccepted(host, w.name(), a.reason()));
                findings.report(new Drift(host, w.name(),
                        "mail for " + w.kind().label() + " " + w.name() + " is routed to host " + host
                                + ", which accepts it in no address class: it is rejected (\"mail for " + w.name()
                                + " loops back to myself\")",
                        lines, new Fix("add " + w.name() + " to " + site.describe()
                                + " (or to the virtual or relay domains it belongs in), or route it to the host that"
                                + " serves it", new Location(site.file(), site.line()), new Fix.Action.AcceptName(host, w.name()))));
            }
        });
    }
}

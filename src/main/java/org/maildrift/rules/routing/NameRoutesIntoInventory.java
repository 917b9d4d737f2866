package org.maildrift.rules.routing;

import java.util.List;

import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Route;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;

/** Mail for a watched name may be delivered to an address that no inventory host owns. */
@RuleDefinition(scope = RuleDefinition.Scope.WATCHED, id = "name-routes-outside-inventory", severity = Severity.NOTICE,
        summary = "A watched name routes to an address no inventory host owns")
public final class NameRoutesIntoInventory implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(evidence.watched(), w -> {
            if (w.kind() == Evidence.WatchKind.DISCOVERED) {
                return;
            }
            Route route = evidence.route(w.name());
            if (route.status() != Route.Status.ROUTED) {
                return;
            }
            List<String> outside = route.addresses().stream().filter(a -> evidence.owner(a).isEmpty()).toList();
            if (outside.isEmpty()) {
                return;
            }
            findings.report(new Drift(null, w.name(),
                    "mail for " + w.kind().label() + " " + w.name() + " may be delivered to " + String.join(", ", outside)
                            + ", which no inventory host owns; maildrift cannot tell whether it is accepted there",
                    evidence.describe(route), new Fix("add the host that owns " + String.join(", ", outside) + " to the inventory, or correct the DNS "
                            + "records of " + w.name(), null)));
        });
    }
}

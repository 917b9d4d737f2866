package org.maildrift.rules.routing;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.mta.model.Acceptance;
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

/**
 * The incident that started maildrift: a watched alias (ML CNAME NEWSERVER01) reaches a host that
 * accepts the alias but not the canonical name, so every sender that rewrites the recipient domain
 * through the CNAME (sendmail by default) has its mail rejected.
 */
@RuleDefinition(scope = RuleDefinition.Scope.WATCHED, id = "canonical-name-not-accepted", severity = Severity.CRITICAL,
        summary = "A watched alias is accepted by the host it reaches, but its canonical name is not")
public final class CanonicalNameIsAccepted implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(evidence.watched(), w -> {
            Route route = evidence.route(w.name());
            if (!route.isAlias() || route.status() != Route.Status.ROUTED) {
                return;
            }
            for (String host : evidence.hostsReached(route)) {
                Acceptance alias = evidence.acceptance(host, w.name());
                if (alias.verdict() != Verdict.YES) {
                    continue;
                }
                Acceptance canonical = evidence.acceptance(host, route.canonical());
                if (canonical.verdict() == Verdict.YES) {
                    continue;
                }
                Evidence.AcceptanceSite site = evidence.siteFor(host, w.name(), alias.addressClass());
                List<Step> lines = new ArrayList<>(evidence.describe(route));
                lines.add(new Step.Accepts(host, w.name(), null, alias.reason()));
                lines.add(new Step.NotAccepted(host, route.canonical(), canonical.reason()));
                lines.add(Canonicalizers.describe(evidence, w.name()));
                findings.report(new Drift(host, route.canonical(),
                        w.kind().label() + " " + w.name() + " is an alias of " + route.canonical() + "; host " + host
                                + " accepts " + w.name() + " but not " + route.canonical()
                                + ", so mail from senders that rewrite the recipient through the CNAME is rejected",
                        lines, new Fix("add " + route.canonical() + " to " + site.describe(), new Location(site.file(), site.line()), new Fix.Action.AcceptName(host, route.canonical()))));
            }
        });
    }
}

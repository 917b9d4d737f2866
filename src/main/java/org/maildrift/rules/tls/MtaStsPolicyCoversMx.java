package org.maildrift.rules.tls;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;

/**
 * Every MX exchange of a domain with an MTA-STS policy must match one of its {@code mx:} patterns (RFC 8461
 * section 4.1: exact, or {@code *.suffix} for exactly one more label). In enforce mode senders refuse to
 * deliver to an exchange the policy does not list; in testing mode they only report it.
 */
@RuleDefinition(id = "mta-sts-policy-excludes-mx", severity = Severity.CRITICAL,
        summary = "An MX exchange of a domain is not covered by its MTA-STS policy's mx patterns")
public final class MtaStsPolicyCoversMx implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(StsPolicies.domains(evidence), domain -> StsPolicies.active(evidence, domain).ifPresent(a -> {
            StsPolicies.Published p = a.published();
            DnsAnswer mx = a.mx();
            for (String rec : mx.records()) {
                String[] parts = rec.split(" ", 2);
                String exchange = DnsNames.relative(parts[1]);
                if (parts[1].equals(".") || p.policy().covering(exchange).isPresent()) {
                    continue;
                }
                List<Step> steps = new ArrayList<>();
                steps.add(new Step.Exchange(DnsNames.relative(mx.finalName()), Integer.parseInt(parts[0]), exchange));
                steps.add(p.txtStep());
                steps.add(p.policyStep());
                boolean enforce = a.enforce();
                Drift d = new Drift(null, domain + " " + exchange, "the MTA-STS policy of " + domain + " (mode "
                        + p.policy().mode().label() + ") lists no mx pattern that matches its MX " + exchange + "; "
                        + (enforce ? "senders that enforce it refuse to deliver there"
                                : "senders report every delivery there as a failure"), steps,
                        new Fix("add \"mx: " + exchange + "\" to the policy at " + p.fetch().source()
                                + ", then change the id in " + p.txtName() + " so that senders fetch it again; senders "
                                + "that cached the old policy keep it for max_age (" + p.policy().maxAge() + " s)", null,
                                new Fix.Action.RefreshStsPolicy(domain, exchange, p.policy().maxAge())));
                findings.report(enforce ? d : d.at(Severity.WARNING));
            }
        }));
    }
}

package org.maildrift.rules.tls;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;

/**
 * A domain announces MTA-STS, but senders cannot use it: several v=STSv1 TXT records, a record without a valid
 * id, a policy that is not served as RFC 8461 requires (HTTP 200, text/plain, no redirect, a certificate for
 * mta-sts.DOMAIN), or one that does not parse. Senders then assume there is no policy (or keep a stale cached
 * one), so the protection the operator meant is not there.
 */
@RuleDefinition(id = "mta-sts-record-malformed", severity = Severity.WARNING,
        summary = "A domain's MTA-STS record or policy is malformed: senders assume there is no policy")
public final class MtaStsRecordIsSound implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(StsPolicies.domains(evidence), domain -> StsPolicies.of(evidence, domain).ifPresent(p -> {
            if (p.problem() == null) {
                return;
            }
            List<Step> steps = new ArrayList<>();
            steps.add(p.txtStep());
            findings.report(new Drift(null, p.txtName(), domain + " announces MTA-STS, but " + p.problem()
                    + "; senders treat " + domain + " as having no policy", steps,
                    new Fix("publish exactly one TXT record \"v=STSv1; id=…\" at " + p.txtName() + " and serve a policy "
                            + "(version: STSv1, mode, mx lines, max_age) as text/plain at https://mta-sts." + domain
                            + "/.well-known/mta-sts.txt", null)));
        }));
    }
}

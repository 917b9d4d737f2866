package org.maildrift.rules.dkim;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.dkim.DkimRecord;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;

/**
 * A selector in use publishes {@code t=y}: the domain is testing DKIM, and verifiers must not treat a failed
 * signature differently from an unsigned message. Often left over from a roll-out.
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "dkim-testing-mode", severity = Severity.NOTICE,
        summary = "A DKIM selector in use is in testing mode (t=y)")
public final class DkimTestingMode implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(DkimRecords.keys(evidence), s -> {
            DkimRecords.Published p = DkimRecords.published(evidence, s.key());
            if (p.records().size() != 1 || !DkimRecord.parse(p.records().get(0)).testing()) {
                return;
            }
            String name = DkimRecords.relative(s.key().recordName());
            List<Step> steps = new ArrayList<>();
            steps.add(s.configured());
            steps.addAll(p.steps(name));
            findings.report(new Drift(s.host().id(), name, name + " is in testing mode (t=y): verifiers treat a failed "
                    + "signature like no signature", steps,
                    new Fix("remove t=y from the record at " + name + " once signatures verify", null)));
        });
    }
}

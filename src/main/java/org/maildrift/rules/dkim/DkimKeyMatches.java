package org.maildrift.rules.dkim;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.dkim.DkimRecord;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;

/**
 * The key in the selector's record must be the key the signer signs with: after a rotation on one side only,
 * every signature fails. RSA keys are compared by modulus and exponent, so p= in SubjectPublicKeyInfo or bare
 * PKCS#1 form both count.
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "dkim-key-mismatch", severity = Severity.CRITICAL,
        summary = "The key a DKIM selector publishes is not the key the signer is configured with")
public final class DkimKeyMatches implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(DkimRecords.keys(evidence), s -> {
            DkimRecords.Published p = DkimRecords.published(evidence, s.key());
            if (p.records().size() != 1) {
                return;
            }
            DkimRecord r = DkimRecord.parse(p.records().get(0));
            if (r.key() == null || !r.problems().isEmpty()) {
                return;
            }
            String name = DkimRecords.relative(s.key().recordName());
            if (s.key().key() == null) {
                findings.inconclusive(new Inconclusive(name, "DKIM", "key-unreadable", null, evidence.view(),
                        "whether the key of " + s.key().keyPath() + " is published is unknown: " + s.key().problem()));
                return;
            }
            if (r.key().sameAs(s.key().key())) {
                return;
            }
            List<Step> steps = new ArrayList<>();
            steps.add(s.configured());
            steps.addAll(p.steps(name));
            findings.report(new Drift(s.host().id(), name, "the key published at " + name + " is not the key "
                    + s.host().id() + " signs with (" + s.key().keyPath() + "); every signature with selector "
                    + s.key().selector() + " fails verification", steps,
                    new Fix("publish " + name + ". IN TXT \"" + DkimRecords.recordFor(s.key()) + "\" in place of the "
                            + "old record, or sign with the key DNS has; to rotate without failures, sign with a new "
                            + "selector once its record is published", null)));
        });
    }
}

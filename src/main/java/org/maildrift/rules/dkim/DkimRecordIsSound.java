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
 * A selector in use must have exactly one DKIM record that verifiers can read: several records (verifiers
 * may pick either), bad tags (a malformed tag list, v= not DKIM1 or not first, an unknown k=, p= that is not
 * a key), or an empty p= (the key is revoked, yet the signer still uses it) all fail signatures.
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "dkim-record-malformed", severity = Severity.CRITICAL,
        summary = "A DKIM selector in use has several records, bad tags, or a revoked (empty) key")
public final class DkimRecordIsSound implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(DkimRecords.keys(evidence), s -> {
            DkimRecords.Published p = DkimRecords.published(evidence, s.key());
            if (p.records().isEmpty()) {
                return;
            }
            String name = DkimRecords.relative(s.key().recordName());
            String problem;
            String consequence = "signatures with selector " + s.key().selector() + " fail verification";
            if (p.records().size() > 1) {
                problem = p.records().size() + " DKIM records at one selector";
                consequence = "verifiers may pick any of them, and signatures with selector " + s.key().selector()
                        + " fail wherever the wrong one is picked";
            } else {
                DkimRecord r = DkimRecord.parse(p.records().get(0));
                if (r.revoked()) {
                    problem = "the record's p= is empty: the key is revoked, but " + s.host().id() + " still signs with it";
                } else if (!r.problems().isEmpty()) {
                    problem = String.join("; ", r.problems());
                } else {
                    return;
                }
            }
            List<Step> steps = new ArrayList<>();
            steps.add(s.configured());
            steps.addAll(p.steps(name));
            findings.report(new Drift(s.host().id(), name, name + ": " + problem + "; " + consequence, steps,
                    new Fix(s.key().key() != null ? "leave exactly one record: " + name + ". IN TXT \""
                            + DkimRecords.recordFor(s.key()) + "\"" : "leave exactly one well-formed record at " + name,
                            null)));
        });
    }
}

package org.maildrift.rules.dkim;

import java.util.ArrayList;
import java.util.List;

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
 * Every selector a host's signer is configured with must have a DKIM key record at
 * SELECTOR._domainkey.DOMAIN; without it every receiver fails the signature, and DMARC fails unless SPF
 * aligns. The selectors come from the configuration, never from guesses.
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "dkim-selector-unpublished", severity = Severity.CRITICAL,
        summary = "A DKIM selector the signer is configured with has no key record in DNS")
public final class DkimSelectorIsPublished implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        for (Evidence.HostConfig h : evidence.hosts()) {
            for (String u : h.dkim().unresolved()) {
                findings.inconclusive(new Inconclusive(h.id(), "DKIM", "signer-unresolved", null, evidence.view(),
                        h.dkim().signer() + " of " + h.id() + ": " + u));
            }
        }
        findings.each(DkimRecords.keys(evidence), s -> {
            DkimRecords.Published p = DkimRecords.published(evidence, s.key());
            if (!p.records().isEmpty()) {
                return;
            }
            String name = DkimRecords.relative(s.key().recordName());
            List<Step> steps = new ArrayList<>();
            steps.add(s.configured());
            steps.addAll(p.steps(name));
            findings.report(new Drift(s.host().id(), name, "host " + s.host().id() + " signs mail of " + s.key().domain()
                    + " with selector " + s.key().selector() + ", but " + name + " has no DKIM key record; receivers "
                    + "cannot verify the signature", steps,
                    new Fix(s.key().key() != null ? "publish " + name + ". IN TXT \"" + DkimRecords.recordFor(s.key())
                            + "\" (split into strings of at most 255 characters)"
                            : "publish the public key of " + s.key().keyPath() + " at " + name, null)));
        });
    }
}

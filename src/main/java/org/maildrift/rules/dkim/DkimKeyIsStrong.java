package org.maildrift.rules.dkim;

import java.util.List;

import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;

/**
 * RSA signing keys below 1024 bits are refused by verifiers (RFC 8301), which is critical; below 2048 bits
 * they are weak, which is worth knowing (a notice).
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "dkim-key-weak", severity = Severity.NOTICE,
        summary = "A DKIM key the signer uses is RSA below 2048 bits (critical below 1024)")
public final class DkimKeyIsStrong implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        for (DkimRecords.Signed s : DkimRecords.keys(evidence)) {
            if (s.key().key() == null || !s.key().key().algorithm().equals("rsa") || s.key().key().bits() >= 2048) {
                continue;
            }
            int bits = s.key().key().bits();
            String name = DkimRecords.relative(s.key().recordName());
            Drift d = new Drift(s.host().id(), name, "host " + s.host().id() + " signs " + s.key().domain()
                    + " with an RSA key of " + bits + " bits (" + s.key().keyPath() + "); "
                    + (bits < 1024 ? "verifiers refuse keys below 1024 bits (RFC 8301)"
                            : "2048 bits is the least RFC 8301 recommends"),
                    List.of(s.configured()), new Fix("make a 2048-bit key under a new selector, publish its record, "
                            + "then sign with it (" + s.key().describe() + ")", null));
            findings.report(bits < 1024 ? d.at(Severity.CRITICAL) : d);
        }
    }
}

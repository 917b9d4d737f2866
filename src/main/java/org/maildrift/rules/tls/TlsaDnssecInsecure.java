package org.maildrift.rules.tls;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.dns.model.Security;
import org.maildrift.dns.model.Validated;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;

/**
 * TLSA records are published for an MX name in a zone that is provably unsigned (or under no configured
 * trust anchor): DANE senders ignore them (RFC 7672 section 2.2), so DANE is inactive. A notice, not a
 * mismatch: the keys are not compared.
 */
@RuleDefinition(id = "tlsa-dnssec-insecure", severity = Severity.NOTICE,
        summary = "TLSA records are published in an unsigned zone: DANE is inactive for the MX name")
public final class TlsaDnssecInsecure implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        if (!evidence.validates()) {
            return;
        }
        findings.each(DaneTargets.of(evidence, findings), t -> {
            Validated v = DaneTargets.tlsa(evidence, t).orElse(null);
            if (v == null) {
                return;
            }
            if (v.security() != Security.INSECURE || v.answer().outcome() != Outcome.ANSWER) {
                return;
            }
            List<Step> steps = new ArrayList<>(t.how());
            steps.addAll(DaneTargets.recordSteps(v.answer(), v.security().label()));
            findings.report(new Drift(t.host().id(), t.base(), t.base() + " publishes TLSA records, but its zone is "
                    + "not signed (or is under no configured trust anchor): DANE senders ignore them", steps,
                    new Fix("sign the zone and publish its DS in the parent, or withdraw the TLSA records", null)));
        });
    }
}

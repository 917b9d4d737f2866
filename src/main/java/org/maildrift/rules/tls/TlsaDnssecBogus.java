package org.maildrift.rules.tls;

import java.util.ArrayList;
import java.util.List;

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
 * The TLSA answer of an MX name fails DNSSEC validation: a validating sender gets SERVFAIL for it and,
 * per RFC 7672 section 2.2, defers the mail. Only live views validate; the service confirms the finding
 * over consecutive runs, and the report lists the views that saw it.
 */
@RuleDefinition(id = "tlsa-dnssec-bogus", severity = Severity.CRITICAL,
        summary = "The TLSA records of an MX name fail DNSSEC validation: validating senders defer its mail")
public final class TlsaDnssecBogus implements Rule {

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
            if (v.security() != Security.BOGUS) {
                return;
            }
            List<Step> steps = new ArrayList<>(t.how());
            steps.add(new Step.Note(t.base() + " TLSA: bogus" + (v.reason() == null ? "" : " (" + v.reason() + ")"),
                    List.of(t.base())));
            findings.report(new Drift(t.host().id(), t.base(),
                    "the TLSA answer of " + t.base() + " fails DNSSEC validation; DANE senders defer every message to "
                            + t.name() + " (host " + t.host().id() + ")", steps,
                    new Fix("re-sign the zone of " + t.base() + " (expired or broken signatures) or mend its DS chain; "
                            + "compare with delv " + t.base() + " TLSA", null)));
        });
    }
}

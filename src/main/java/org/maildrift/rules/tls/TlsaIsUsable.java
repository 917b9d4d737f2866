package org.maildrift.rules.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import org.maildrift.tls.Tlsa;

/**
 * A TLSA record of an MX name that SMTP cannot use (RFC 7672 section 3.1.3): usage 0 or 1, an undefined
 * usage, selector or matching type, or data of the wrong length. When no record is usable, DANE senders
 * fall back to unauthenticated TLS and the records protect nothing.
 */
@RuleDefinition(id = "tlsa-unusable", severity = Severity.WARNING,
        summary = "A TLSA record of an MX name is unusable for SMTP (usage 0/1, undefined fields, bad length)")
public final class TlsaIsUsable implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(DaneTargets.of(evidence, findings), t -> {
            Validated v = DaneTargets.tlsa(evidence, t).orElse(null);
            if (v == null) {
                return;
            }
            if (v.security() == Security.BOGUS || v.answer().outcome() != Outcome.ANSWER) {
                return;
            }
            List<String> records = List.copyOf(v.answer().records());
            long usable = records.stream().filter(r -> Tlsa.parse(r).map(x -> x.unusable().isEmpty()).orElse(false))
                    .count();
            for (String r : records) {
                Optional<Tlsa> parsed = Tlsa.parse(r);
                Optional<String> why = parsed.isEmpty() ? Optional.of("the record does not parse")
                        : parsed.get().unusable();
                if (why.isEmpty()) {
                    continue;
                }
                List<Step> steps = new ArrayList<>(t.how());
                steps.add(new Step.Note(t.base() + " TLSA " + r + " (" + v.security().label() + ")", List.of(t.base())));
                findings.report(new Drift(t.host().id(), t.base() + " " + r,
                        t.base() + " TLSA " + r + ": " + why.get()
                                + (usable == 0 ? "; no record there is usable, so DANE senders use TLS without "
                                        + "authenticating " + t.name() : ""), steps,
                        new Fix("replace it with a DANE-EE record of the key the host presents (3 1 1 and the SHA-256 "
                                + "of its public key)", null)));
            }
        });
    }
}

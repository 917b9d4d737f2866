package org.maildrift.rules.aliases;

import java.util.List;

import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;

/**
 * A watched name or mail domain that does not exist in DNS at all (NXDOMAIN, no alias on the way):
 * nothing routes its mail, every message to it bounces, and no other rule can see it.
 */
@RuleDefinition(scope = RuleDefinition.Scope.WATCHED, id = "watched-name-missing", severity = Severity.CRITICAL,
        summary = "A watched name or mail domain does not exist in DNS")
public final class WatchedNameExists implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(evidence.watched(), w -> {
            if (w.kind() == Evidence.WatchKind.DISCOVERED) {
                return;
            }
            DnsAnswer mx = evidence.fact(w.name(), RecordType.MX);
            if (mx.outcome() != Outcome.NXDOMAIN || !mx.chain().isEmpty()) {
                return;
            }
            findings.report(new Drift(null, w.name(),
                    w.kind().label() + " " + w.name() + " does not exist in DNS: mail to it bounces "
                            + "(\"Host or domain name not found\")",
                    List.of(new Step.Note(w.name() + ": NXDOMAIN" + (mx.server() == null ? "" : " (from " + mx.server() + ")"),
                            List.of(w.name()))), new Fix("create " + w.name() + " in DNS (an MX, or an address, or a CNAME to the host that serves it), "
                            + "or stop watching it if it is retired", null)));
        });
    }
}

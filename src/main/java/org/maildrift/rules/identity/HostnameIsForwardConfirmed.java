package org.maildrift.rules.identity;

import java.util.ArrayList;
import java.util.List;

import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;
import org.maildrift.mail.IpAddresses;
import org.maildrift.mta.model.SendingSettings;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.SenderPaths;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;

/**
 * The name a host gives in HELO must resolve to the address its mail comes from, in that address's family.
 * When the host delivers its mail itself, the HELO name is the configured one (Postfix smtp_helo_name, Exim's
 * helo_data of the transport that sends remote mail, sendmail $j), else the MTA's own name (myhostname,
 * primary_hostname, $j); per family it sends over, its bind address must be among the name's A (IPv4) or
 * AAAA (IPv6) records, or without a bind address one of its public addresses of that family. When it
 * hands its mail to a relay (whose own HELO is what receivers see), or sends from no public address, the
 * MTA's own name must resolve to one of the host's addresses: it is also the name in bounces and, by default,
 * a local destination.
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "hostname-not-forward-confirmed", severity = Severity.WARNING,
        summary = "The host's HELO name does not resolve to the addresses its mail comes from")
public final class HostnameIsForwardConfirmed implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(evidence.hosts(), host -> {
            if (!host.names().errors().isEmpty()) {
                return;
            }
            SendingSettings sending = host.names().sending();
            List<SenderPaths.Egress> egress = sending.read() && sending.relay() == null ? SenderPaths.direct(host)
                    : List.of();
            String helo = SenderPaths.helo(host);
            if (!egress.isEmpty() && Evidence.isCheckable(helo)) {
                perEgressAddress(evidence, findings, host, helo, egress);
            } else {
                ownName(evidence, findings, host);
            }
        });
    }

    /**
     * The HELO name against the addresses the host's mail leaves from, per family: the bind address when one
     * is set; without one the kernel picks one of the host's addresses, so one of them must be the name's.
     */
    private static void perEgressAddress(Evidence evidence, Findings findings, Evidence.HostConfig host, String helo,
            List<SenderPaths.Egress> egress) {
        List<Step> lines = new ArrayList<>();
        lines.add(new Step.Note("host " + host.id() + " says HELO " + helo + " (" + heloSource(host) + ")",
                List.of(helo)));
        List<SenderPaths.Egress> missing = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            List<SenderPaths.Egress> family = egress.stream().filter(e -> e.v6() == v6).toList();
            if (family.isEmpty()) {
                continue;
            }
            RecordType t = v6 ? RecordType.AAAA : RecordType.A;
            DnsAnswer a = evidence.fact(helo, t);
            a.chain().forEach(h -> lines.add(Evidence.hop(h)));
            lines.add(new Step.Note(DnsNames.relative(a.finalName()) + " " + t + ": "
                    + (a.outcome() != Outcome.ANSWER || a.records().isEmpty() ? a.outcome().label()
                            : String.join(", ", a.records())),
                    List.of(DnsNames.relative(a.finalName()))));
            family.forEach(e -> lines.add(e.source()));
            boolean bound = host.names().sending().bindAddresses().stream()
                    .anyMatch(b -> (b.value().indexOf(':') >= 0) == v6);
            List<SenderPaths.Egress> unmatched = family.stream().filter(e -> a.outcome() != Outcome.ANSWER
                    || a.records().stream().noneMatch(r -> IpAddresses.same(r, e.address()))).toList();
            if (bound ? !unmatched.isEmpty() : unmatched.size() == family.size()) {
                missing.addAll(unmatched);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        // within a family the kernel picks one address (or), the families are both used (and)
        List<String> what = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            List<String> f = missing.stream().filter(e -> e.v6() == v6).map(SenderPaths.Egress::address).toList();
            if (!f.isEmpty()) {
                what.add(String.join(" or ", f) + " (" + (v6 ? "IPv6" : "IPv4") + ")");
            }
        }
        // the fix names one address per family: the bind address, else the first of the host's
        List<String> records = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            missing.stream().filter(e -> e.v6() == v6).findFirst()
                    .ifPresent(e -> records.add(helo + " " + (v6 ? "AAAA " : "A ") + e.address()));
        }
        findings.report(new Drift(host.id(), helo,
                "host " + host.id() + " says HELO " + helo + " but sends from " + String.join(" and ", what) + ", which "
                        + helo + " does not resolve to; receivers that check the HELO name may reject or down-rank its mail",
                lines, new Fix("add " + String.join(" and ", records) + " to DNS, or set " + heloSetting(host)
                        + " to a name that resolves to the addresses " + host.id() + " sends from", null,
                        new Fix.Action.ConfirmHostname(host.id(), helo))));
    }

    /** The MTA's own name against the host's addresses (mail through a relay, or from no public address). */
    private static void ownName(Evidence evidence, Findings findings, Evidence.HostConfig host) {
        String own = Evidence.plain(host.names().ownName() != null ? host.names().ownName() : host.host().hostname());
        if (!Evidence.isCheckable(own)) {
            return;
        }
        List<String> resolved = evidence.addresses(own);
        if (resolved.stream().anyMatch(r -> host.host().addresses().stream().anyMatch(a -> IpAddresses.same(r, a)))) {
            return;
        }
        String setting = host.names().dialect().ownNameSetting();
        List<Step> lines = new ArrayList<>();
        lines.add(new Step.Note("host " + host.id() + " calls itself " + own + " (" + setting + ", "
                + host.configLabel() + ")", List.of(own)));
        for (RecordType t : List.of(RecordType.A, RecordType.AAAA)) {
            DnsAnswer a = evidence.fact(own, t);
            a.chain().forEach(h -> lines.add(Evidence.hop(h)));
            lines.add(new Step.Note(DnsNames.relative(a.finalName()) + " " + t + ": "
                    + (a.records().isEmpty() ? a.outcome().label() : String.join(", ", a.records())),
                    List.of(DnsNames.relative(a.finalName()))));
        }
        lines.add(new Step.Note("host " + host.id() + " has " + String.join(", ", host.host().addresses())));
        findings.report(new Drift(host.id(), own,
                "host " + host.id() + " calls itself " + own + ", but " + own
                        + (resolved.isEmpty() ? " has no address"
                                : " resolves to " + String.join(", ", resolved) + ", not to the host")
                        + "; receivers that check the HELO name may reject its mail",
                lines, new Fix("add " + own + " A/AAAA " + host.host().addresses().get(0) + " to DNS, or set " + setting
                        + " to a name that resolves to " + host.id(), null, new Fix.Action.ConfirmHostname(host.id(), own))));
    }

    private static String heloSource(Evidence.HostConfig host) {
        SendingSettings.Setting s = host.names().sending().helo();
        if (s != null && s.line() > 0) {
            return s.describe();
        }
        String own = host.names().dialect().ownNameSetting() + ", " + host.configLabel();
        return s == null ? own : own + "; " + s.name() + " is not set";
    }

    private static String heloSetting(Evidence.HostConfig host) {
        SendingSettings.Setting s = host.names().sending().helo();
        if (s == null || s.line() <= 0) {
            // the default follows the MTA's own name
            return host.names().dialect().ownNameSetting();
        }
        return s.name();
    }
}

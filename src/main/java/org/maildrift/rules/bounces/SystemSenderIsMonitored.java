package org.maildrift.rules.bounces;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.RecordType;
import org.maildrift.mta.model.Acceptance;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.MailAliases;
import org.maildrift.mta.model.SendingSettings;
import org.maildrift.mta.model.Verdict;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.Route;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;

/**
 * The envelope sender of a host's system mail (cron, daemons, the applications that send through the local MTA)
 * is {@code USER@ORIGIN}: Postfix's myorigin, sendmail's $j, Exim's qualify_domain. Replies and bounces to it go
 * where DNS routes ORIGIN. They must reach a person there: an alias to someone, not the sending account's own
 * local mailbox on a server, which nobody reads. This is the incident's lost bounces.
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "system-sender-unmonitored", severity = Severity.NOTICE,
        summary = "Bounces to a host's system mail sender reach no person")
public final class SystemSenderIsMonitored implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        findings.each(evidence.hosts(), h -> {
            SendingSettings s = h.names().sending();
            SendingSettings.Setting origin = origin(s, h.names().dialect().originSetting());
            if (origin == null) {
                return;
            }
            String domain = DnsNames.relative(origin.value().strip()).toLowerCase(Locale.ROOT);
            List<String> senders = h.host().systemSenders();
            String first = senders.get(0) + "@" + domain;
            if (!Evidence.isCheckable(domain)) {
                if (domain.matches("[a-z0-9_-]{1,63}") && !domain.equals("localhost")) {
                    findings.report(new Drift(h.id(), first, "system mail from " + h.id() + " is sent as " + first
                            + ", and " + domain + " is not a fully qualified domain name: replies and bounces to it"
                            + " cannot be delivered, and receivers refuse the mail (RFC 5321 §4.1.2)",
                            List.of(new Step.Note(origin.describe(), List.of())), new Fix("set " + where(origin, h)
                                    + " to a fully qualified domain whose mail reaches a person", null)));
                }
                return;
            }
            List<Step> steps = new ArrayList<>();
            steps.add(new Step.Note(h.id() + " sends its system mail as USER@" + domain + " (" + origin.describe()
                    + "); its system senders: " + String.join(", ", senders), List.of(domain)));
            Route route = evidence.route(domain);
            steps.addAll(evidence.describe(route));
            if (route.status() == Route.Status.NXDOMAIN || route.status() == Route.Status.NULL_MX) {
                DnsAnswer mx = evidence.fact(domain, RecordType.MX);
                steps.add(new Step.Note(DnsNames.relative(mx.finalName()) + " MX: " + (mx.records().isEmpty()
                        ? mx.outcome().label() : String.join(", ", mx.records())), List.of()));
            }
            if (route.status() != Route.Status.ROUTED) {
                // the origin is the host's own name (myorigin = $myhostname, $j): renaming the host mends both
                boolean ownName = h.names().ownName() != null
                        && Evidence.plain(h.names().ownName()).equals(domain);
                String own = h.names().dialect().ownNameSetting();
                String originName = origin.name();
                String rename = !ownName ? "" : "give " + h.id() + " a name DNS has (" + own
                        + (own.equals(originName) ? "" : ", which " + originName + " follows") + "), or ";
                findings.report(new Drift(h.id(), first, "system mail from " + h.id() + " is sent as " + first
                        + ", but " + domain + " " + unroutable(route.status()) + ": replies and bounces to it cannot"
                        + " be delivered, and receivers that check the sender domain refuse the mail", steps,
                        new Fix(rename + "set " + where(origin, h) + " to a domain whose mail reaches a person (the"
                                + " organisation's domain), or publish an MX or address record for " + domain,
                                null, ownName ? new Fix.Action.ConfirmHostname(h.id(), domain) : null)));
                return;
            }
            for (String receiver : evidence.hostsReached(route)) {
                Acceptance a = evidence.acceptance(receiver, domain);
                if (a.verdict() != Verdict.YES || a.addressClass() != AddressClass.LOCAL) {
                    // not accepted: routed-name-not-accepted's subject; a virtual domain: its tables, not aliases(5)
                    continue;
                }
                MailAliases aliases = evidence.host(receiver).names().sending().aliases();
                if (!aliases.read()) {
                    continue;
                }
                check(findings, h, receiver, domain, aliases, steps);
            }
        });
    }

    private static void check(Findings findings, Evidence.HostConfig h, String receiver, String domain,
            MailAliases aliases, List<Step> routeSteps) {
        Set<String> senders = new LinkedHashSet<>(h.host().systemSenders());
        AliasReach reach = new AliasReach(aliases);
        for (String user : senders) {
            String subject = user + "@" + domain;
            List<AliasReach.Leaf> leaves = reach.resolve(user);
            boolean person = leaves.stream().anyMatch(l -> switch (l.kind()) {
                case EXTERNAL, FILE, PROGRAM -> true;
                case MAILBOX -> !senders.contains(l.what().toLowerCase(Locale.ROOT));
                default -> false;
            });
            if (person) {
                continue;
            }
            if (leaves.stream().anyMatch(l -> l.kind() == AliasReach.Kind.UNREADABLE)) {
                AliasReach.Leaf u = leaves.stream().filter(l -> l.kind() == AliasReach.Kind.UNREADABLE).findFirst()
                        .orElseThrow();
                findings.inconclusive(new Inconclusive(subject, "aliases", "include-unreadable", receiver, null,
                        ":include:" + u.what() + ": " + aliases.unreadable().getOrDefault(u.what(), "cannot be read")));
                continue;
            }
            boolean mailbox = leaves.stream().anyMatch(l -> l.kind() == AliasReach.Kind.MAILBOX);
            if (!mailbox && user.equals("root")) {
                // root that reaches nothing at all is postmaster-reaches-nobody's finding, at warning
                continue;
            }
            List<Step> steps = new ArrayList<>(routeSteps);
            steps.add(new Step.Note(receiver + " reads its aliases from " + String.join(", ", aliases.files()),
                    List.of()));
            for (AliasReach.Leaf l : leaves) {
                steps.add(new Step.Note(l.describe(), List.of()));
            }
            String end = mailbox ? "the local mailbox of " + String.join(", ", leaves.stream()
                    .filter(l -> l.kind() == AliasReach.Kind.MAILBOX).map(AliasReach.Leaf::what).distinct().toList())
                    + " on " + receiver + ", which no alias leads to a person" : "nobody on " + receiver;
            findings.report(new Drift(receiver, subject, "system mail from " + h.id() + " is sent as " + subject
                    + "; replies and bounces to it reach " + end + ": failed deliveries of cron jobs and applications"
                    + " go unread", steps, new Fix(fix(end(user, leaves), receiver, aliases), null)));
        }
    }

    /**
     * The name whose alias fixes this sender: the other system account its chain ends in (listapp: root, with
     * root unaliased: alias root), else the sender itself.
     */
    private static String end(String user, List<AliasReach.Leaf> leaves) {
        List<String> ends = leaves.stream().filter(l -> l.kind() == AliasReach.Kind.MAILBOX).map(AliasReach.Leaf::what)
                .distinct().toList();
        return ends.size() == 1 ? ends.get(0) : user;
    }

    /** The sending domain the reader took from the origin setting: the domain unqualified senders get. */
    private static SendingSettings.Setting origin(SendingSettings s, String name) {
        if (!s.read()) {
            return null;
        }
        for (SendingSettings.Setting d : s.domains()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static String unroutable(Route.Status status) {
        return switch (status) {
            case NXDOMAIN -> "does not exist in DNS";
            case NULL_MX -> "has a null MX (it accepts no mail)";
            case CNAME_DEFECT -> "has a broken CNAME chain";
            default -> "has no MX and no address";
        };
    }

    private static String where(SendingSettings.Setting origin, Evidence.HostConfig h) {
        String name = origin.name();
        return origin.line() > 0 ? name + " (" + origin.file() + ":" + origin.line() + ")" : name + " in "
                + h.configLabel();
    }

    private static String fix(String user, String receiver, MailAliases aliases) {
        MailAliases.Entry e = aliases.entries().get(user);
        String where = e != null ? "replace line " + e.line() + " of " + e.file() + " on " + receiver + " by"
                : "add to " + aliases.files().get(0) + " on " + receiver;
        return where + " \"" + user + ": ADDRESS\", ADDRESS being a mailbox a person reads, then run newaliases";
    }
}

package org.maildrift.rules.bounces;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.maildrift.mta.model.MailAliases;
import org.maildrift.mta.model.SendingSettings;
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
 * Mail to postmaster, root, MAILER-DAEMON and abuse, and the MTA's own notices, must reach a person: a
 * mailbox, a file or an address elsewhere, through the host's alias chains. Not /dev/null, not a loop, not a
 * name that is neither an alias nor a user. This is where bounces about lost mail go.
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "postmaster-reaches-nobody", severity = Severity.WARNING,
        summary = "Mail to postmaster, root, MAILER-DAEMON, abuse or the MTA's notices reaches nobody")
public final class PostmasterReachesSomeone implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        for (Evidence.HostConfig h : evidence.hosts()) {
            SendingSettings s = h.names().sending();
            MailAliases aliases = s.aliases();
            if (!aliases.read()) {
                continue;
            }
            // the names to follow, with why each matters
            Map<String, String> names = new LinkedHashMap<>();
            names.put("postmaster", "RFC 5321 §4.5.1 requires it");
            names.put("root", "cron, daemons and the system's own reports write to it");
            names.put("mailer-daemon", "replies to bounces come back to it");
            names.put("abuse", "RFC 2142 asks for it: complaints about the mail this host sends");
            for (SendingSettings.Setting n : s.noticeRecipients()) {
                String v = n.value().strip();
                String key = v.toLowerCase(Locale.ROOT);
                String why = "it receives the MTA's notices (" + n.describe() + ")";
                names.merge(key, why, (a, b) -> a + "; " + b);
            }
            AliasReach reach = new AliasReach(aliases);
            for (Map.Entry<String, String> n : names.entrySet()) {
                List<AliasReach.Leaf> leaves = reach.resolve(n.getKey());
                if (leaves.stream().anyMatch(l -> l.kind().reaches)) {
                    continue;
                }
                List<AliasReach.Leaf> unreadable = leaves.stream().filter(l -> l.kind() == AliasReach.Kind.UNREADABLE)
                        .toList();
                if (!unreadable.isEmpty()) {
                    findings.inconclusive(new Inconclusive(n.getKey() + "@" + h.host().hostname(), "aliases",
                            "include-unreadable", h.id(), null, ":include:" + unreadable.get(0).what() + ": "
                                    + aliases.unreadable().getOrDefault(unreadable.get(0).what(), "cannot be read")));
                    continue;
                }
                List<Step> steps = new ArrayList<>();
                SendingSettings.Setting from = s.aliasFiles().get(0);
                steps.add(new Step.Note(h.id() + " reads its aliases from " + String.join(", ", aliases.files())
                        + " (" + from.setting() + ", " + (from.line() > 0 ? from.file() + ":" + from.line() : from.file())
                        + ")", List.of()));
                for (AliasReach.Leaf l : leaves) {
                    steps.add(new Step.Note(l.describe(), List.of()));
                }
                String subject = n.getKey() + "@" + h.host().hostname();
                findings.report(new Drift(h.id(), subject, "mail to " + n.getKey() + " on " + h.id()
                        + " reaches nobody (" + n.getValue() + "): bounces and reports sent there are lost unread",
                        steps, new Fix(fix(n.getKey(), aliases), null)));
            }
        }
    }

    private static String fix(String name, MailAliases aliases) {
        MailAliases.Entry e = aliases.entries().get(name);
        String where = e != null ? "replace line " + e.line() + " of " + e.file() + " by" : "add to " + aliases.files().get(0);
        return where + " \"" + name + ": ADDRESS\", ADDRESS being a mailbox a person reads, then run newaliases";
    }
}

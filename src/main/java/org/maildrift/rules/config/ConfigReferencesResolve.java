package org.maildrift.rules.config;

import java.util.List;

import org.maildrift.mta.model.UnresolvedReference;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Location;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;

/**
 * The accepted set depends on a table or file maildrift cannot read (LDAP, SQL, a file outside
 * files-root); "not accepted" conclusions for that host are inconclusive.
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "config-reference-unresolved", severity = Severity.NOTICE,
        summary = "What a host accepts depends on a table or file maildrift cannot read")
public final class ConfigReferencesResolve implements Rule {

    /** What to do depends on the kind of reference: a file to copy, a database to reach, or the agent. */
    static String fix(String reference) {
        return fix(reference, org.maildrift.mail.Mta.POSTFIX);
    }

    /** As {@link #fix(String)}, in the words of the host's MTA. */
    static String fix(String reference, org.maildrift.mail.Mta mta) {
        if (mta == org.maildrift.mail.Mta.EXIM) {
            return "give maildrift the files " + reference + " reads under the host's files-root, or let the host's agent"
                    + " push exim -bP and answer with exim -be match_domain (config: agent)";
        }
        String inner = reference.replaceFirst("^(proxy:)+", "");
        String type = inner.indexOf(':') > 0 ? inner.substring(0, inner.indexOf(':')) : "";
        return switch (type) {
            case "mysql", "pgsql", "ldap" -> "put the table definition under the host's files-root and say in hosts[].tables"
                    + " how maildrift reaches its database (host, a read-only account, a password file), or let the"
                    + " host's agent answer with postmap -q (config: agent)";
            case "sqlite" -> "put the table definition and its database file under the host's files-root, or let the"
                    + " host's agent answer with postmap -q (config: agent)";
            case "memcache" -> "let the host's agent answer with postmap -q (config: agent)";
            default -> "give maildrift the source of " + reference + " under the host's files-root, or check "
                    + "a captured 'postconf -x' / '$=w' output instead";
        };
    }

    @Override
    public void check(Evidence evidence, Findings findings) {
        for (Evidence.HostConfig host : evidence.hosts()) {
            for (UnresolvedReference u : host.names().unresolved()) {
                String file = evidence.label(u.source().file());
                findings.report(new Drift(host.id(), u.reference(),
                        "the " + u.addressClass().label() + " names of host " + host.id() + " depend on "
                                + u.reference() + ", which maildrift cannot read (" + u.reason()
                                + "); \"not accepted\" conclusions for this host are inconclusive",
                        List.of(new Step.Note(u.reference() + ": " + u.source().describe()), new Step.Note(u.reason())),
                        new Fix(fix(u.reference(), host.host().mta()), new Location(file, u.source().line()))));
            }
        }
    }
}

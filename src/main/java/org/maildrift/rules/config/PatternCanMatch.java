package org.maildrift.rules.config;

import java.util.List;

import org.maildrift.mta.model.IneffectivePattern;
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
 * An accepted-name entry that can never match a recipient domain (a leading dot in mydestination, a
 * trailing dot, a capitalised table key), so the name it seems to accept is not accepted.
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "pattern-never-matches", severity = Severity.NOTICE,
        summary = "An accepted-name entry can never match a recipient domain")
public final class PatternCanMatch implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        for (Evidence.HostConfig host : evidence.hosts()) {
            for (IneffectivePattern p : host.names().ineffective()) {
                String file = evidence.label(p.source().file());
                int line = p.source().line();
                findings.report(new Drift(host.id(), p.pattern(),
                        "'" + p.pattern() + "' in the " + p.addressClass().label() + " names of host " + host.id()
                                + " never matches: " + p.reason(),
                        List.of(new Step.Note(p.pattern() + ": " + p.source().describe()), new Step.Note(p.reason())), new Fix("rewrite or remove '" + p.pattern() + "' in " + file + (line > 0 ? " line " + line : ""), new Location(file, line))));
            }
        }
    }
}

package org.maildrift.rules.config;

import java.util.List;

import org.maildrift.mta.model.ConfigProblem;
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
 * The host's configuration cannot be read, or the MTA would refuse it. Until it is fixed maildrift
 * cannot say what the host accepts, so the host's acceptance conclusions are inconclusive.
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "config-invalid", severity = Severity.CRITICAL,
        summary = "A host's MTA configuration cannot be read or the MTA would refuse it")
public final class ConfigIsValid implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        for (Evidence.HostConfig host : evidence.hosts()) {
            List<ConfigProblem> errors = host.names().errors();
            for (ConfigProblem p : errors) {
                if (p.line() == 0 && errors.stream().anyMatch(o -> o.line() > 0 && sameError(p, o))) {
                    continue; // the same error, reported where its line is known
                }
                String file = evidence.label(p.file());
                String where = p.line() > 0 ? file + ":" + p.line() : file;
                findings.report(new Drift(host.id(), where,
                        "the " + host.host().mta().label() + " configuration of host " + host.id()
                                + " is unusable: " + p.message(),
                        List.of(new Step.Note(where + ": " + p.message()),
                                new Step.Note("what host " + host.id() + " accepts is unknown until this is fixed")), new Fix("correct " + file + (p.line() > 0 ? " line " + p.line() : "") + ": " + p.message(), new Location(file, p.line()))));
            }
        }
    }

    /** "macro processing error (while expanding mydestination)" and "mydestination: …" at line 3. */
    private static boolean sameError(ConfigProblem fileLevel, ConfigProblem atLine) {
        int colon = atLine.message().indexOf(':');
        String parameter = colon > 0 ? atLine.message().substring(0, colon) : atLine.message();
        return atLine.message().contains(fileLevel.message()) || fileLevel.message().contains(parameter);
    }
}

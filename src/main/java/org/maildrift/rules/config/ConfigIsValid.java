package org.maildrift.rules.config;

import java.util.List;

import org.maildrift.mta.model.ConfigProblem;
import org.maildrift.rules.Drift;
import org.maildrift.rules.Evidence;
import org.maildrift.rules.Findings;
import org.maildrift.rules.Location;
import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;

/**
 * The host's configuration cannot be read, or the MTA would refuse it. Until it is fixed maildrift
 * cannot say what the host accepts, so the host's acceptance conclusions are inconclusive.
 */
@RuleDefinition(id = "config-invalid", severity = Severity.CRITICAL,
        summary = "A host's MTA configuration cannot be read or the MTA would refuse it")
public final class ConfigIsValid implements Rule {

    @Override
    public void check(Evidence evidence, Findings findings) {
        for (Evidence.HostConfig host : evidence.hosts()) {
            for (ConfigProblem p : host.names().errors()) {
                String file = evidence.label(p.file());
                String where = p.line() > 0 ? file + ":" + p.line() : file;
                findings.report(new Drift(host.id(), where,
                        "the " + host.host().mta().label() + " configuration of host " + host.id()
                                + " is unusable: " + p.message(),
                        List.of(where + ": " + p.message(),
                                "what host " + host.id() + " accepts is unknown until this is fixed"),
                        "correct " + file + (p.line() > 0 ? " line " + p.line() : "") + ": " + p.message(),
                        new Location(file, p.line())));
            }
        }
    }
}

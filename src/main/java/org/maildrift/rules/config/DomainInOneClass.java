package org.maildrift.rules.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.maildrift.mail.Mta;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.AddressClass;
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
 * A Postfix domain listed in more than one of mydestination, virtual_alias_domains and
 * virtual_mailbox_domains: Postfix warns ("do not list domain … in BOTH …") and delivers by the first
 * class that matches, which is rarely what the author of the second entry meant. Relay overlap is not
 * reported: compatibility_level below 2 makes relay_domains default to $mydestination.
 */
@RuleDefinition(scope = RuleDefinition.Scope.HOSTS, id = "domain-in-several-classes", severity = Severity.WARNING,
        summary = "A Postfix domain is listed in more than one final-delivery address class")
public final class DomainInOneClass implements Rule {

    private static final Set<AddressClass> FINAL = EnumSet.of(AddressClass.LOCAL, AddressClass.VIRTUAL_ALIAS,
            AddressClass.VIRTUAL_MAILBOX);

    @Override
    public void check(Evidence evidence, Findings findings) {
        for (Evidence.HostConfig host : evidence.hosts()) {
            if (host.host().mta() != Mta.POSTFIX) {
                continue;
            }
            Map<String, List<AcceptedName>> byName = new LinkedHashMap<>();
            for (AcceptedName a : host.names().accepted()) {
                if (FINAL.contains(a.addressClass()) && !a.name().startsWith("[")) {
                    byName.computeIfAbsent(Evidence.plain(a.name()), k -> new ArrayList<>()).add(a);
                }
            }
            byName.forEach((name, entries) -> {
                if (entries.stream().map(AcceptedName::addressClass).distinct().count() < 2) {
                    return;
                }
                List<Step> lines = entries.stream()
                        .map(a -> (Step) new Step.Note(a.addressClass().label() + ": " + a.source().describe(),
                                List.of(name))).toList();
                AcceptedName second = entries.get(1);
                String file = evidence.label(second.source().file());
                findings.report(new Drift(host.id(), name,
                        "host " + host.id() + " lists " + name + " in "
                                + String.join(" and ", entries.stream().map(a -> a.addressClass().label()).distinct()
                                        .toList())
                                + "; Postfix warns and delivers by the first class that matches",
                        lines, new Fix("keep " + name + " in one class only: remove it from " + file
                                + (second.source().line() > 0 ? " line " + second.source().line() : "")
                                + " or from the other list", new Location(file, second.source().line()))));
            });
        }
    }
}

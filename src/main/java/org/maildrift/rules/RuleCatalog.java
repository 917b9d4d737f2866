package org.maildrift.rules;

import java.util.List;

import org.maildrift.rules.aliases.AliasChainIsSound;
import org.maildrift.rules.aliases.AliasTargetExists;
import org.maildrift.rules.aliases.MxTargetHasAddress;
import org.maildrift.rules.aliases.MxTargetIsNotAlias;
import org.maildrift.rules.aliases.WatchedNameExists;
import org.maildrift.rules.config.ConfigIsValid;
import org.maildrift.rules.config.ConfigReferencesResolve;
import org.maildrift.rules.config.DomainInOneClass;
import org.maildrift.rules.config.PatternCanMatch;
import org.maildrift.rules.identity.AcceptedNameExists;
import org.maildrift.rules.identity.HostnameIsForwardConfirmed;
import org.maildrift.rules.identity.ReverseDnsMatches;
import org.maildrift.rules.routing.AcceptedNameRoutesHere;
import org.maildrift.rules.routing.CanonicalNameIsAccepted;
import org.maildrift.rules.routing.NameRoutesIntoInventory;
import org.maildrift.rules.routing.RoutedNameIsAccepted;

/** Every rule, one line each, sorted by ID. No scanning: a rule exists when it is listed here. */
public final class RuleCatalog {

    private static final List<Rule> RULES = List.of(
            new AcceptedNameRoutesHere(),       // accepted-name-routes-elsewhere
            new AcceptedNameExists(),           // accepted-name-stale
            new AliasChainIsSound(),            // alias-chain-broken
            new AliasTargetExists(),            // alias-target-missing
            new CanonicalNameIsAccepted(),      // canonical-name-not-accepted
            new ConfigIsValid(),                // config-invalid
            new ConfigReferencesResolve(),      // config-reference-unresolved
            new DomainInOneClass(),             // domain-in-several-classes
            new HostnameIsForwardConfirmed(),   // hostname-not-forward-confirmed
            new MxTargetIsNotAlias(),           // mx-target-is-alias
            new MxTargetHasAddress(),           // mx-target-without-address
            new NameRoutesIntoInventory(),      // name-routes-outside-inventory
            new PatternCanMatch(),              // pattern-never-matches
            new ReverseDnsMatches(),            // reverse-dns-mismatch
            new RoutedNameIsAccepted(),         // routed-name-not-accepted
            new WatchedNameExists());           // watched-name-missing

    private RuleCatalog() {
    }

    public static List<Rule> rules() {
        return RULES;
    }

    public static RuleDefinition definition(Rule rule) {
        RuleDefinition d = rule.getClass().getAnnotation(RuleDefinition.class);
        if (d == null) {
            throw new IllegalStateException(rule.getClass().getName() + " has no @RuleDefinition");
        }
        return d;
    }

    public static List<RuleDefinition> definitions() {
        return RULES.stream().map(RuleCatalog::definition).toList();
    }
}

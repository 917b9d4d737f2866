package org.maildrift.rules.catalog;

import java.util.List;

import org.maildrift.rules.Rule;
import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.RuleEngine;
import org.maildrift.rules.aliases.AliasChainIsSound;
import org.maildrift.rules.aliases.AliasTargetExists;
import org.maildrift.rules.aliases.MxTargetHasAddress;
import org.maildrift.rules.aliases.MxTargetIsNotAlias;
import org.maildrift.rules.aliases.WatchedNameExists;
import org.maildrift.rules.config.ConfigIsValid;
import org.maildrift.rules.dkim.DkimKeyIsStrong;
import org.maildrift.rules.dkim.DkimKeyMatches;
import org.maildrift.rules.dkim.DkimRecordIsSound;
import org.maildrift.rules.dkim.DkimSelectorIsPublished;
import org.maildrift.rules.dkim.DkimTestingMode;
import org.maildrift.rules.bounces.PostmasterReachesSomeone;
import org.maildrift.rules.bounces.SystemSenderIsMonitored;
import org.maildrift.rules.spf.SpfAuthorizesEgressAddress;
import org.maildrift.rules.spf.SpfRecordIsSound;
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
import org.maildrift.rules.tls.MtaStsCertificateCoversMx;
import org.maildrift.rules.tls.MtaStsPolicyCoversMx;
import org.maildrift.rules.tls.MtaStsRecordIsSound;
import org.maildrift.rules.tls.TlsaDnssecBogus;
import org.maildrift.rules.tls.TlsaDnssecInsecure;
import org.maildrift.rules.tls.TlsaIsUsable;
import org.maildrift.rules.tls.TlsaMatchesConfiguredKey;


/**
 * Every rule, one line each, sorted by ID. No scanning: a rule exists when it is listed here. A package of
 * its own, above the rule families, so that the rules package knows none of them.
 */
public final class RuleCatalog {

    private static final List<Rule> RULES = List.of(
            new AcceptedNameRoutesHere(),       // accepted-name-routes-elsewhere
            new AcceptedNameExists(),           // accepted-name-stale
            new AliasChainIsSound(),            // alias-chain-broken
            new AliasTargetExists(),            // alias-target-missing
            new CanonicalNameIsAccepted(),      // canonical-name-not-accepted
            new ConfigIsValid(),                // config-invalid
            new ConfigReferencesResolve(),      // config-reference-unresolved
            new DkimKeyMatches(),               // dkim-key-mismatch
            new DkimKeyIsStrong(),              // dkim-key-weak
            new DkimRecordIsSound(),            // dkim-record-malformed
            new DkimSelectorIsPublished(),      // dkim-selector-unpublished
            new DkimTestingMode(),              // dkim-testing-mode
            new DomainInOneClass(),             // domain-in-several-classes
            new HostnameIsForwardConfirmed(),   // hostname-not-forward-confirmed
            new MtaStsCertificateCoversMx(),    // mta-sts-certificate-name-mismatch
            new MtaStsPolicyCoversMx(),         // mta-sts-policy-excludes-mx
            new MtaStsRecordIsSound(),          // mta-sts-record-malformed
            new MxTargetIsNotAlias(),           // mx-target-is-alias
            new MxTargetHasAddress(),           // mx-target-without-address
            new NameRoutesIntoInventory(),      // name-routes-outside-inventory
            new PatternCanMatch(),              // pattern-never-matches
            new PostmasterReachesSomeone(),     // postmaster-reaches-nobody
            new ReverseDnsMatches(),            // reverse-dns-mismatch
            new RoutedNameIsAccepted(),         // routed-name-not-accepted
            new SpfAuthorizesEgressAddress(),   // spf-excludes-egress-address
            new SpfRecordIsSound(),             // spf-record-broken
            new SystemSenderIsMonitored(),      // system-sender-unmonitored
            new TlsaDnssecBogus(),              // tlsa-dnssec-bogus
            new TlsaDnssecInsecure(),           // tlsa-dnssec-insecure
            new TlsaMatchesConfiguredKey(),     // tlsa-matches-no-configured-key
            new TlsaIsUsable(),                 // tlsa-unusable
            new WatchedNameExists());           // watched-name-missing

    private RuleCatalog() {
    }

    public static List<Rule> rules() {
        return RULES;
    }

    /** The engine with every catalogued rule. */
    public static RuleEngine engine() {
        return new RuleEngine(RULES);
    }

    public static RuleDefinition definition(Rule rule) {
        return RuleEngine.definition(rule);
    }

    public static List<RuleDefinition> definitions() {
        return RULES.stream().map(RuleEngine::definition).toList();
    }
}

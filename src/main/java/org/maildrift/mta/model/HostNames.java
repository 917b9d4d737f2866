package org.maildrift.mta.model;

import java.util.List;

import org.maildrift.mail.Mta;

/**
 * What one mail host accepts, read from its configuration: the names with class and provenance,
 * the references maildrift could not resolve, problems found, and whether the MTA rewrites
 * recipient domains through DNS CNAMEs when it sends (sendmail's canonify; with FEATURE(nocanonify)
 * and CANONIFY_DOMAIN only the domains under {@code canonicalizedSuffixes}). {@code ownName} is the
 * name the MTA calls itself (Postfix myhostname, sendmail $j); null when the config does not tell.
 * {@code dialect} is the MTA's own words for its settings and how its configuration is edited;
 * {@code tls} what it says about the STARTTLS its SMTP server offers and the certificates it presents;
 * {@code sending} what it says about the mail it sends (egress addresses, HELO, relay, sender domains, aliases).
 */
public record HostNames(
        MtaDialect dialect,
        List<AcceptedName> accepted,
        List<UnresolvedReference> unresolved,
        List<IneffectivePattern> ineffective,
        List<ConfigProblem> problems,
        boolean canonicalizesRecipients,
        List<String> canonicalizedSuffixes,
        DomainMatcher matcher,
        String ownName,
        TlsSettings tls,
        DkimSettings dkim,
        SendingSettings sending) {

    /** A reading that does not tell what TLS the host offers. */
    public HostNames(MtaDialect dialect, List<AcceptedName> accepted, List<UnresolvedReference> unresolved,
            List<IneffectivePattern> ineffective, List<ConfigProblem> problems, boolean canonicalizesRecipients,
            List<String> canonicalizedSuffixes, DomainMatcher matcher, String ownName) {
        this(dialect, accepted, unresolved, ineffective, problems, canonicalizesRecipients, canonicalizedSuffixes,
                matcher, ownName, TlsSettings.UNKNOWN, DkimSettings.NONE, SendingSettings.UNKNOWN);
    }

    /** A reading that tells what TLS the host offers, and sets up no DKIM signing of its own. */
    public HostNames(MtaDialect dialect, List<AcceptedName> accepted, List<UnresolvedReference> unresolved,
            List<IneffectivePattern> ineffective, List<ConfigProblem> problems, boolean canonicalizesRecipients,
            List<String> canonicalizedSuffixes, DomainMatcher matcher, String ownName, TlsSettings tls) {
        this(dialect, accepted, unresolved, ineffective, problems, canonicalizesRecipients, canonicalizedSuffixes,
                matcher, ownName, tls, DkimSettings.NONE, SendingSettings.UNKNOWN);
    }

    /** The same reading with the DKIM signing the MTA's configuration sets up. */
    public HostNames withDkim(DkimSettings settings) {
        return new HostNames(dialect, accepted, unresolved, ineffective, problems, canonicalizesRecipients,
                canonicalizedSuffixes, matcher, ownName, tls, settings, sending);
    }

    /** The same reading with what the configuration says about the mail the host sends. */
    public HostNames withSending(SendingSettings settings) {
        return new HostNames(dialect, accepted, unresolved, ineffective, problems, canonicalizesRecipients,
                canonicalizedSuffixes, matcher, ownName, tls, dkim, settings);
    }

    /** The same reading with what the configuration says about TLS. */
    public HostNames withTls(TlsSettings settings) {
        return new HostNames(dialect, accepted, unresolved, ineffective, problems, canonicalizesRecipients,
                canonicalizedSuffixes, matcher, ownName, settings, dkim, sending);
    }

    public Mta mta() {
        return dialect.mta();
    }

    /** The same reading, edited through another dialect (Debian's answers file instead of the text it generates). */
    public HostNames withDialect(MtaDialect other) {
        return new HostNames(other, accepted, unresolved, ineffective, problems, canonicalizesRecipients,
                canonicalizedSuffixes, matcher, ownName, tls, dkim, sending);
    }

    public HostNames {
        accepted = List.copyOf(accepted);
        unresolved = List.copyOf(unresolved);
        ineffective = List.copyOf(ineffective);
        problems = List.copyOf(problems);
        canonicalizedSuffixes = List.copyOf(canonicalizedSuffixes);
    }

    /**
     * Whether mail this host sends to {@code domain} has the domain replaced by its CNAME target:
     * always with sendmail's default canonify, only under class {Canonify} with nocanonify, never with Postfix.
     */
    public boolean canonicalizes(String domain) {
        if (canonicalizesRecipients) {
            return true;
        }
        String d = domain.toLowerCase(java.util.Locale.ROOT);
        for (String s : canonicalizedSuffixes) {
            String suffix = s.toLowerCase(java.util.Locale.ROOT);
            if (d.equals(suffix) || d.endsWith("." + suffix)) {
                return true;
            }
        }
        return false;
    }

    /** Asks the host's per-name tables about these domains ahead, concurrently (see {@link DomainMatcher#prefetch}). */
    public void prefetch(java.util.Collection<String> domains) {
        matcher.prefetch(domains);
    }

    /** The MTA's verdict for a recipient domain, with its own matching rules. */
    public Acceptance accepts(String domain) {
        return matcher.accepts(domain);
    }

    /** As {@link #accepts(String)}, where the MTA's rules may depend on the domain's MX records in DNS. */
    public Acceptance accepts(String domain, MxLookup mx) {
        return matcher.accepts(domain, mx);
    }

    /**
     * True when the configuration could not be had at all: nothing is accepted, every verdict is
     * unknown, and an error concerns the whole file (it is missing, unreadable or was never pushed).
     */
    public boolean unreadable() {
        return accepted.isEmpty() && accepts("unreadable.invalid").verdict() == Verdict.UNKNOWN
                && errors().stream().anyMatch(p -> p.line() == 0);
    }

    public List<ConfigProblem> errors() {
        return problems.stream().filter(p -> p.level() == ConfigProblem.Level.ERROR).toList();
    }

    public List<ConfigProblem> warnings() {
        return problems.stream().filter(p -> p.level() == ConfigProblem.Level.WARNING).toList();
    }
}

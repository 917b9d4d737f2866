package org.maildrift.mta.model;

/** The MTA's own matching rules for recipient domains. */
@FunctionalInterface
public interface DomainMatcher {
    Acceptance accepts(String domain);

    /**
     * As {@link #accepts(String)}, with the domain's MX records at hand for rules that depend on them
     * (Exim's {@code @mx_any}); a matcher without such rules ignores them.
     */
    default Acceptance accepts(String domain, MxLookup mx) {
        return accepts(domain);
    }

    /**
     * Looks the domains up ahead, concurrently, in the tables that are asked per name (SQL), so that
     * {@link #accepts} answers from memory. Optional: a matcher without such tables does nothing.
     */
    default void prefetch(java.util.Collection<String> domains) {
    }
}

package org.maildrift.mta.model;

/** The MTA's own matching rules for recipient domains. */
@FunctionalInterface
public interface DomainMatcher {
    Acceptance accepts(String domain);

    /**
     * Looks the domains up ahead, concurrently, in the tables that are asked per name (SQL), so that
     * {@link #accepts} answers from memory. Optional: a matcher without such tables does nothing.
     */
    default void prefetch(java.util.Collection<String> domains) {
    }
}

package org.maildrift.mta.model;

/** The MTA's own matching rules for recipient domains. */
@FunctionalInterface
public interface DomainMatcher {
    Acceptance accepts(String domain);
}

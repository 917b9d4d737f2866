package org.maildrift.mta.model;

/**
 * A lookup table or file the accepted set depends on that maildrift cannot read (an LDAP or SQL
 * table, a missing file). Any "not accepted" conclusion about the class it belongs to is inconclusive.
 */
public record UnresolvedReference(String reference, AddressClass addressClass, String reason, Provenance source) {
}

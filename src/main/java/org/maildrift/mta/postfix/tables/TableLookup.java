package org.maildrift.mta.postfix.tables;

/** A table that answers one key at a time, as Postfix's dict_lookup() would. */
public interface TableLookup {

    /** The answer for a key as Postfix passes it (a lower-case domain for the address classes). */
    TableAnswer lookup(String key);

    /**
     * Whether Postfix flags the table DICT_FLAG_FIXED (SQL, LDAP): relay_domains then looks up parent
     * domains in it too. Pattern tables (regexp, pcre, cidr) are not.
     */
    boolean fixedKey();

    /** Looks these keys up ahead so that {@link #lookup} answers from memory; by default nothing. */
    default void prefetch(java.util.Collection<String> keys) {
    }
}

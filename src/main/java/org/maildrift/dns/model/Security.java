package org.maildrift.dns.model;

/**
 * What DNSSEC says about an answer (RFC 4033 section 5): SECURE (validated from a trust anchor),
 * INSECURE (provably unsigned: DANE does not apply), BOGUS (signed but fails validation: validating
 * senders cannot use it), INDETERMINATE (validation could not conclude: a lookup failed). UNVALIDATED is
 * authoritative data read from zone files or a proposal, which maildrift does not validate.
 */
public enum Security {
    SECURE("secure"),
    INSECURE("insecure"),
    BOGUS("bogus"),
    INDETERMINATE("indeterminate"),
    UNVALIDATED("unvalidated, authoritative from zone files");

    private final String label;

    Security(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

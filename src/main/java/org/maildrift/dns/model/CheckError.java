package org.maildrift.dns.model;

/** Why a lookup ended without an answer. */
public enum CheckError {
    TIMEOUT("timeout"),
    SERVFAIL("servfail"),
    REFUSED("refused"),
    FORMERR("formerr"),
    OTHER_RCODE("other-rcode"),
    NETWORK("network"),
    NOT_COVERED("not-covered");

    private final String label;

    CheckError(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package org.maildrift.dns.model;

/** Why a lookup ended without an answer. */
public enum CheckError {
    TIMEOUT("timeout"),
    SERVFAIL("servfail"),
    REFUSED("refused"),
    FORMERR("formerr"),
    OTHER_RCODE("other-rcode"),
    NETWORK("network"),
    NOT_COVERED("not-covered"),
    /** The zone file that covers the name could not be read: its names are unknown, not absent. */
    ZONE_UNREADABLE("zone-unreadable");

    private final String label;

    CheckError(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

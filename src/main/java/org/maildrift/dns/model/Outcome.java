package org.maildrift.dns.model;

/**
 * Exactly one per lookup. ANSWER, NXDOMAIN and NODATA are facts about DNS; the CNAME defects are facts
 * too (the chain itself is broken); CHECK_ERROR means maildrift could not find out and is never
 * evidence that a record is absent.
 */
public enum Outcome {
    ANSWER("answer"),
    NXDOMAIN("nxdomain"),
    NODATA("nodata"),
    CNAME_LOOP("cname-loop"),
    CNAME_CHAIN_TOO_LONG("cname-chain-too-long"),
    CNAME_MULTIPLE("cname-multiple"),
    CHECK_ERROR("check-error");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True when the outcome describes DNS itself, false when the lookup failed. */
    public boolean isFact() {
        return this != CHECK_ERROR;
    }

    public boolean isCnameDefect() {
        return this == CNAME_LOOP || this == CNAME_CHAIN_TOO_LONG || this == CNAME_MULTIPLE;
    }
}

package org.maildrift.mta.model;

/** How a host accepts mail for a domain; sendmail's class w is {@link #LOCAL}. */
public enum AddressClass {
    LOCAL("local"),
    VIRTUAL_ALIAS("virtual-alias"),
    VIRTUAL_MAILBOX("virtual-mailbox"),
    RELAY("relay");

    private final String label;

    AddressClass(String label) {
        this.label = label;
    }

    /** Lower-case name used in JSON and text output. */
    public String label() {
        return label;
    }
}

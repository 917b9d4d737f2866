package org.maildrift.mta.model;

/** The mail transfer agents maildrift reads. */
public enum MtaKind {
    POSTFIX("postfix"),
    SENDMAIL("sendmail");

    private final String label;

    MtaKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

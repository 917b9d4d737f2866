package org.maildrift.mail;

/** The mail transfer agents maildrift reads; the inventory names them, the readers and rules use them. */
public enum Mta {
    POSTFIX("postfix"),
    SENDMAIL("sendmail"),
    EXIM("exim");

    private final String label;

    Mta(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package org.maildrift.rules;

/**
 * Thrown by {@link Evidence} when a rule asks for something that is not known (a failed lookup, a host
 * verdict that depends on an unreadable table). The engine catches it; rules never do.
 */
public final class InconclusiveException extends RuntimeException {

    private final transient Inconclusive inconclusive;

    public InconclusiveException(Inconclusive inconclusive) {
        super(inconclusive.name() + " " + inconclusive.type() + ": " + inconclusive.outcome(), null, false, false);
        this.inconclusive = inconclusive;
    }

    public Inconclusive inconclusive() {
        return inconclusive;
    }
}

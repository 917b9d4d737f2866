package org.maildrift.mta.postfix.tables;

/**
 * What one table lookup said. FAILED (connection refused, timeout, SQL error, a budget spent) is never
 * "not found": Postfix defers mail it cannot look up, so the answer is inconclusive.
 */
public record TableAnswer(Kind kind, String detail) {

    public enum Kind { FOUND, NOT_FOUND, FAILED }

    public static TableAnswer found(String value) {
        return new TableAnswer(Kind.FOUND, value);
    }

    public static TableAnswer notFound(String why) {
        return new TableAnswer(Kind.NOT_FOUND, why);
    }

    public static TableAnswer failed(String why) {
        return new TableAnswer(Kind.FAILED, why);
    }
}

package org.maildrift.mta.model;

/**
 * The answer for one domain: the verdict, the class that accepts it (null unless YES), and why:
 * the matching element's provenance, or the unresolved reference that makes it UNKNOWN.
 */
public record Acceptance(Verdict verdict, AddressClass addressClass, String reason) {

    public static Acceptance no(String reason) {
        return new Acceptance(Verdict.NO, null, reason);
    }

    public static Acceptance unknown(String reason) {
        return new Acceptance(Verdict.UNKNOWN, null, reason);
    }

    public static Acceptance yes(AddressClass addressClass, String reason) {
        return new Acceptance(Verdict.YES, addressClass, reason);
    }
}

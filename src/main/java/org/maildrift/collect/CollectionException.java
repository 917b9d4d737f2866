package org.maildrift.collect;

/** The estate cannot be checked at all (a zone file that does not parse, a watched zone with no source). */
public final class CollectionException extends Exception {

    public CollectionException(String message) {
        super(message);
    }
}

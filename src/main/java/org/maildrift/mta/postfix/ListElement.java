package org.maildrift.mta.postfix;

import java.util.Map;

import org.maildrift.mta.model.Provenance;

/** One element of a Postfix list after splitting, '!' handling and /file inclusion (spec P4). */
sealed interface ListElement {

    boolean negated();

    Provenance source();

    /** A literal name, already lower-cased as Postfix does. */
    record Literal(String pattern, String original, boolean negated, Provenance source) implements ListElement {
    }

    /**
     * A {@code type:name} table. {@code keys} maps each key, as written, to its source line; null when
     * the table could not be read (then {@code failure} says why). {@code fixedKey} tables get the
     * parent-domain lookups of relay_domains; {@code matchesAll} is {@code static:}.
     */
    record Table(String reference, Map<String, Integer> keys, String keyFile, boolean fixedKey, boolean matchesAll,
            String failure, boolean negated, Provenance source) implements ListElement {

        boolean resolved() {
            return matchesAll || keys != null;
        }
    }
}

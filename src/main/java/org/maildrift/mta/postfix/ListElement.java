package org.maildrift.mta.postfix;

import java.util.Map;

import org.maildrift.mta.model.Provenance;
import org.maildrift.mta.postfix.tables.TableLookup;

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
            String failure, boolean negated, Provenance source, TableLookup lookup) implements ListElement {

        Table(String reference, Map<String, Integer> keys, String keyFile, boolean fixedKey, boolean matchesAll,
                String failure, boolean negated, Provenance source) {
            this(reference, keys, keyFile, fixedKey, matchesAll, failure, negated, source, null);
        }

        /** A table looked up per name (SQL, regexp, pcre, cidr): its keys cannot be listed. */
        static Table lookedUp(String reference, TableLookup lookup, boolean negated, Provenance source) {
            return new Table(reference, null, null, lookup.fixedKey(), false, null, negated, source, lookup);
        }

        boolean resolved() {
            return matchesAll || keys != null || lookup != null;
        }
    }
}

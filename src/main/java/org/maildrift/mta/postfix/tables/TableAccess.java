package org.maildrift.mta.postfix.tables;

import org.maildrift.mta.FilesRoot;

/**
 * How the reader reaches a host's database tables ({@code mysql:}, {@code pgsql:}, {@code sqlite:}):
 * the inventory says where each database is reachable from maildrift, or the table cannot be looked
 * up and stays an unresolved reference.
 */
public interface TableAccess {

    /** A lookup, or why there is none (then the reference is unresolved and answers are inconclusive). */
    record Opened(TableLookup lookup, String failure) {
        public static Opened of(TableLookup lookup) {
            return new Opened(lookup, null);
        }

        public static Opened not(String why) {
            return new Opened(null, why);
        }
    }

    /**
     * @param type mysql, pgsql or sqlite
     * @param file the table definition's path as main.cf names it
     */
    Opened open(String type, String file, FilesRoot files);

    TableAccess NONE = (type, file, files) -> Opened.not(type + ": tables are looked up only where the inventory"
            + " says how maildrift reaches the database (hosts[].tables), or through the host's agent");
}

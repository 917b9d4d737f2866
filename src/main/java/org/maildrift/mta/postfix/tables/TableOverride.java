package org.maildrift.mta.postfix.tables;

import java.nio.file.Path;

/**
 * How maildrift reaches the database of one table definition (the inventory's {@code hosts[].tables}):
 * {@code file} is the definition's path as main.cf names it; every other field, when not null, replaces
 * the definition's own setting. {@code passwordFile} is read when the table is opened; the password
 * itself is never kept in the inventory.
 */
public record TableOverride(String file, String hosts, String user, Path passwordFile, String dbname, Path dbpath) {

    @Override
    public String toString() {
        return "table " + file;
    }
}

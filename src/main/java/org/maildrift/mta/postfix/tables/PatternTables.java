package org.maildrift.mta.postfix.tables;

/** Opens regexp:, pcre: and cidr: tables from their text. */
public final class PatternTables {

    private PatternTables() {
    }

    public static TableLookup parse(String type, String file, String text) throws TableDefinition.DefinitionException {
        return PatternTable.parse(type, file, text);
    }
}

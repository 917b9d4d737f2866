package org.maildrift.mta.postfix.tables;

import java.util.function.UnaryOperator;

/**
 * db_common_expand(): the % sequences of a query template and of result_format, as the Postfix
 * database clients expand them. In a query, {@code %s} is the key, {@code %u} its local part (the whole
 * key when it has no '@'), {@code %d} its domain and {@code %1}…{@code %9} the domain's labels from the
 * right; a key without the part a sequence needs suppresses the query (no lookup, not found). In
 * result_format the same sequences apply to the result value, and {@code %S}, {@code %U}, {@code %D}
 * to the key. Every inserted part is quoted for the database.
 */
final class QueryExpansion {

    private QueryExpansion() {
    }

    /** Refuses a template with a % sequence Postfix does not know (it refuses the table then). */
    static void check(String template, boolean resultFormat, String where) throws TableDefinition.DefinitionException {
        for (int i = 0; i < template.length(); i++) {
            if (template.charAt(i) != '%') {
                continue;
            }
            if (i + 1 >= template.length()) {
                throw new TableDefinition.DefinitionException(where + ": a '%' at the end of the template");
            }
            char c = template.charAt(++i);
            boolean ok = c == '%' || c == 's' || c == 'u' || c == 'd' || (c >= '1' && c <= '9')
                    || (resultFormat && (c == 'S' || c == 'U' || c == 'D'));
            if (!ok) {
                throw new TableDefinition.DefinitionException(where + ": invalid %" + printable(c) + " in the template");
            }
        }
    }

    private static String printable(char c) {
        return c >= 0x21 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
    }

    /** The query for {@code key}, or null when Postfix suppresses it. */
    static String query(String template, String key, UnaryOperator<String> quote) {
        return expand(template, key, null, quote);
    }

    /** One result value through result_format, or null when the format suppresses it. */
    static String result(String format, String value, String key) {
        return expand(format, value, key, UnaryOperator.identity());
    }

    private static String expand(String template, String subject, String key, UnaryOperator<String> quote) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%' || i + 1 >= template.length()) {
                out.append(c);
                continue;
            }
            char k = template.charAt(++i);
            String part;
            if (k == '%') {
                part = "%";
                out.append(part);
                continue;
            }
            boolean upper = Character.isUpperCase(k);
            String of = upper ? key : subject;
            if (of == null) {
                return null;
            }
            part = piece(Character.toLowerCase(k), of);
            if (part == null) {
                return null;
            }
            out.append(quote.apply(part));
        }
        return out.toString();
    }

    private static String piece(char k, String s) {
        int at = s.lastIndexOf('@');
        String local = at < 0 ? s : s.substring(0, at);
        String domain = at < 0 ? null : s.substring(at + 1);
        switch (k) {
            case 's':
                return s;
            case 'u':
                return at >= 0 && local.isEmpty() ? null : local;
            case 'd':
                return domain == null || domain.isEmpty() ? null : domain;
            default:
                if (domain == null || domain.isEmpty()) {
                    return null;
                }
                String[] labels = domain.split("\\.", -1);
                int n = k - '0';
                return n > labels.length || labels[labels.length - n].isEmpty() ? null : labels[labels.length - n];
        }
    }

    /** sqlite3_mprintf("%q"), and PQescapeStringConn with standard_conforming_strings on: ' doubled. */
    static String quoteDoubling(String s) {
        return s.replace("'", "''");
    }

    /** mysql_real_escape_string() for single-byte characters. */
    static String quoteMysql(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\0' -> b.append("\\0");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '"' -> b.append("\\\"");
                case '\u001a' -> b.append("\\Z");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

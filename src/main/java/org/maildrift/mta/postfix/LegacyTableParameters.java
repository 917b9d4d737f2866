package org.maildrift.mta.postfix;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The main.cf parameters that a legacy-style table reference makes valid: {@code ldap:NAME} (and
 * mysql, pgsql, sqlite, memcache) where NAME does not start with '/' or '.' reads its settings from
 * main.cf parameters {@code NAME_SUFFIX}. Postfix 3.7's postconf scans the expanded value of every
 * built-in parameter for such references, through {@code proxy:}, {@code pipemap:{…}},
 * {@code unionmap:{…}} and bare {@code {…}} groups (not {@code debug:}, not inline content), and treats
 * {@code NAME_SUFFIX} as known for the suffixes each client reads. The suffix lists are the ones
 * postconf 3.7.11 recognises, probed with postconf -H.
 */
final class LegacyTableParameters {

    static final Map<String, List<String>> SUFFIXES = Map.of(
            "mysql", List.of("additional_conditions", "dbname", "domain", "expansion_limit", "hosts", "option_file",
                    "option_group", "password", "query", "require_result_set", "result_format", "select_field", "table",
                    "tls_CAfile", "tls_CApath", "tls_cert_file", "tls_ciphers", "tls_key_file", "tls_verify_cert",
                    "user", "where_field"),
            "pgsql", List.of("additional_conditions", "dbname", "domain", "expansion_limit", "hosts", "password",
                    "query", "result_format", "select_field", "select_function", "table", "user", "where_field"),
            "sqlite", List.of("additional_conditions", "dbpath", "domain", "expansion_limit", "query", "result_format",
                    "select_field", "table", "where_field"),
            "ldap", List.of("bind", "bind_dn", "bind_pw", "cache", "cache_expiry", "cache_size", "chase_referrals",
                    "debuglevel", "dereference", "domain", "expansion_limit", "leaf_result_attribute", "query_filter",
                    "recursion_limit", "result_attribute", "result_filter", "result_format", "sasl_authz_id",
                    "sasl_mechs", "sasl_minssf", "sasl_realm", "scope", "search_base", "server_host", "server_port",
                    "size_limit", "special_result_attribute", "start_tls", "terminal_result_attribute", "timeout",
                    "tls_ca_cert_dir", "tls_ca_cert_file", "tls_cert", "tls_cipher_suite", "tls_key",
                    "tls_random_file", "tls_require_cert", "version"),
            "memcache", List.of("backup", "data_size_limit", "domain", "flags", "key_format", "line_size_limit",
                    "max_try", "memcache", "retry_pause", "timeout", "ttl"));

    private LegacyTableParameters() {
    }

    /** Whether a main.cf name ends in a suffix some client reads ({@code _domain}, {@code _hosts}, …). */
    static boolean couldBeSetting(String name) {
        for (List<String> suffixes : SUFFIXES.values()) {
            for (String s : suffixes) {
                if (name.length() > s.length() + 1 && name.endsWith("_" + s)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every NAME_SUFFIX parameter name the (expanded) value makes valid. */
    static Set<String> namesIn(String value) {
        Set<String> out = new LinkedHashSet<>();
        scan(value, out, 0);
        return out;
    }

    private static void scan(String value, Set<String> out, int depth) {
        if (depth > 20) {
            return;
        }
        for (String token : PostfixList.tokens(value)) {
            if (token.startsWith("{")) {
                scan(inner(token), out, depth + 1);
                continue;
            }
            reference(token, out, depth);
        }
    }

    private static void reference(String token, Set<String> out, int depth) {
        int colon = token.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String type = token.substring(0, colon);
        String name = token.substring(colon + 1);
        if (name.isEmpty() || name.startsWith(".") || name.startsWith("/")) {
            return;
        }
        if (type.equals("proxy")) {
            reference(name, out, depth + 1);
            return;
        }
        if ((type.equals("pipemap") || type.equals("unionmap")) && name.startsWith("{")) {
            scan(inner(name), out, depth + 1);
            return;
        }
        List<String> suffixes = SUFFIXES.get(type);
        if (suffixes != null) {
            suffixes.forEach(s -> out.add(name + "_" + s));
        }
    }

    /** The text between a group's outer braces (an unclosed group runs to the end). */
    private static String inner(String group) {
        return group.endsWith("}") && group.length() >= 2 ? group.substring(1, group.length() - 1) : group.substring(1);
    }
}

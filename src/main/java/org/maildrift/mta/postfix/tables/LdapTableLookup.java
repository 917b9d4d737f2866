package org.maildrift.mta.postfix.tables;

import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.naming.AuthenticationException;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.SizeLimitExceededException;
import javax.naming.TimeLimitExceededException;
import javax.naming.directory.Attribute;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;

/**
 * One ldap_table(5) looked up per key as dict_ldap does, through JNDI: {@code query_filter} expanded
 * with the key (filter characters escaped), searched under {@code search_base} with {@code scope}; the
 * values of {@code result_attribute} of every entry through {@code result_format}, at most
 * {@code expansion_limit}; {@code size_limit} exceeded, a missing search base, a refused bind or an
 * unreachable server are lookup errors. Connections are pooled by JNDI; 2 s to connect and to answer.
 * The recursive attributes (special_, terminal_, leaf_result_attribute) are not modelled: such a table
 * is not opened.
 */
final class LdapTableLookup extends QueriedTable {

    private final TableDefinition definition;
    private final Hashtable<String, String> env;
    private final String base;
    private final String filter;
    private final List<String> attributes;
    private final int scope;
    private final String resultFormat;
    private final int expansionLimit;
    private final long sizeLimit;

    LdapTableLookup(TableDefinition d, List<String> urls, String bindDn, String bindPassword, AtomicInteger budget)
            throws TableDefinition.DefinitionException {
        super(d.domains(), budget);
        for (String unsupported : List.of("special_result_attribute", "terminal_result_attribute",
                "leaf_result_attribute")) {
            if (d.get(unsupported).filter(v -> !v.isBlank()).isPresent()) {
                throw new TableDefinition.DefinitionException(d.file() + ": " + unsupported
                        + " (recursive lookups) is not modelled by maildrift; let the host's agent answer");
            }
        }
        String bind = d.get("bind").orElse("yes");
        if (bind.equalsIgnoreCase("sasl")) {
            throw new TableDefinition.DefinitionException(d.file() + ": bind = sasl is not supported; give a simple bind "
                    + "or let the host's agent answer");
        }
        this.definition = d;
        this.base = d.get("search_base").orElse("");
        this.filter = d.get("query_filter").orElse("(mailacceptinggeneralid=%s)");
        QueryExpansion.check(filter, false, d.file());
        this.attributes = List.of(d.get("result_attribute").orElse("maildrop").split("[, \t]+")).stream()
                .filter(a -> !a.isEmpty()).toList();
        this.scope = switch (d.get("scope").orElse("sub")) {
            case "base" -> SearchControls.OBJECT_SCOPE;
            case "one" -> SearchControls.ONELEVEL_SCOPE;
            case "sub" -> SearchControls.SUBTREE_SCOPE;
            default -> throw new TableDefinition.DefinitionException(d.file() + ": scope must be sub, base or one");
        };
        this.resultFormat = d.resultFormat();
        if (d.get("result_format").isPresent()) {
            QueryExpansion.check(resultFormat, true, d.file());
        }
        this.expansionLimit = d.expansionLimit();
        String size = d.get("size_limit").orElse("0");
        if (!size.matches("[0-9]{1,9}")) {
            throw new TableDefinition.DefinitionException(d.file() + ": size_limit must be a number");
        }
        this.sizeLimit = Long.parseLong(size);
        Hashtable<String, String> e = new Hashtable<>();
        e.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        e.put(Context.PROVIDER_URL, String.join(" ", urls));
        e.put("java.naming.ldap.version", d.get("version").orElse("2").equals("3") ? "3" : "2");
        e.put("com.sun.jndi.ldap.connect.timeout", "2000");
        e.put("com.sun.jndi.ldap.read.timeout", String.valueOf(SqlTableLookup.QUERY_TIMEOUT_SECONDS * 1000));
        e.put("com.sun.jndi.ldap.connect.pool", "true");
        e.put(Context.REFERRAL, d.get("chase_referrals").orElse("no").equalsIgnoreCase("yes") ? "follow" : "ignore");
        boolean simple = !bind.equalsIgnoreCase("no") && bindDn != null && !bindDn.isEmpty();
        e.put(Context.SECURITY_AUTHENTICATION, simple ? "simple" : "none");
        if (simple) {
            e.put(Context.SECURITY_PRINCIPAL, bindDn);
            e.put(Context.SECURITY_CREDENTIALS, bindPassword == null ? "" : bindPassword);
        }
        this.env = e;
    }

    @Override
    TableAnswer ask(String key) {
        String f = QueryExpansion.query(filter, key, LdapTableLookup::escape);
        if (f == null) {
            return TableAnswer.notFound("the filter needs a part of the key it does not have (%d, %u or %1-%9)");
        }
        if (!spend()) {
            return budgetSpent();
        }
        LdapContext ctx = null;
        NamingEnumeration<SearchResult> entries = null;
        try {
            ctx = new InitialLdapContext(env, null);
            SearchControls controls = new SearchControls(scope, sizeLimit, SqlTableLookup.QUERY_TIMEOUT_SECONDS * 1000,
                    attributes.toArray(String[]::new), false, false);
            entries = ctx.search(base, f, controls);
            Results results = new Results(resultFormat, expansionLimit, key);
            while (entries.hasMore()) {
                SearchResult r = entries.next();
                for (String name : attributes) {
                    Attribute attr = r.getAttributes().get(name);
                    if (attr == null) {
                        continue;
                    }
                    for (int i = 0; i < attr.size(); i++) {
                        Object v = attr.get(i);
                        String s = v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                                : String.valueOf(v);
                        if (!results.add(s)) {
                            return results.overLimit();
                        }
                    }
                }
            }
            return results.answer("no entry");
        } catch (NamingException e) {
            return TableAnswer.failed(describe(e));
        } finally {
            close(entries, ctx);
        }
    }

    private static void close(NamingEnumeration<SearchResult> results, LdapContext ctx) {
        try {
            if (results != null) {
                results.close();
            }
            if (ctx != null) {
                ctx.close();
            }
        } catch (NamingException e) {
            // the connection goes back to JNDI's pool or is dropped
        }
    }

    /** What went wrong in maildrift's words, never the server's text. */
    static String describe(NamingException e) {
        if (e instanceof CommunicationException) {
            return "could not connect to the LDAP server";
        }
        if (e instanceof AuthenticationException) {
            return "the LDAP server refused the bind";
        }
        if (e instanceof SizeLimitExceededException) {
            return "more entries than size_limit (Postfix reports a lookup error)";
        }
        if (e instanceof TimeLimitExceededException) {
            return "the search timed out";
        }
        if (e instanceof javax.naming.NameNotFoundException) {
            return "the search base does not exist";
        }
        if (e instanceof javax.naming.directory.InvalidSearchFilterException) {
            return "the expanded query_filter is not a valid LDAP filter";
        }
        if (e.getRootCause() instanceof java.net.SocketTimeoutException) {
            return "timed out after " + SqlTableLookup.QUERY_TIMEOUT_SECONDS + " s";
        }
        return "the LDAP lookup failed (" + e.getClass().getSimpleName() + ")";
    }

    /** RFC 4515: the characters a filter value may not carry as they are. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '*' -> b.append("\\2a");
                case '(' -> b.append("\\28");
                case ')' -> b.append("\\29");
                case '\\' -> b.append("\\5c");
                case '\0' -> b.append("\\00");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return definition.toString();
    }
}

package org.maildrift.mta.postfix;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded generator of main.cf files that exercise what the reader models: continuations, comments,
 * blank lines, CRLF, duplicates, whitespace around '=', $-references in all three forms, $$,
 * conditionals, relational and level expressions, lists with commas, braces, '!', '#', /files and
 * tables, computed defaults, user parameters, and the occasional syntax error or macro loop.
 */
final class MainCfGenerator {

    /** One generated case: the file text, the kernel host name to run with, the parameters to query. */
    record Case(String mainCf, String hostname, List<String> params) {
    }

    private static final String[] BUILTIN = {"mydestination", "myhostname", "mydomain", "myorigin", "relay_domains",
        "virtual_alias_domains", "virtual_mailbox_domains", "virtual_alias_maps", "virtual_mailbox_maps",
        "inet_interfaces", "proxy_interfaces", "compatibility_level", "parent_domain_matches_subdomains",
        "alias_maps", "smtpd_banner", "mail_name", "relayhost", "masquerade_domains"};
    private static final String[] USER = {"my_list", "site_domains", "u_a", "u_b", "extra2"};
    private static final String[] QUERY = {"mydestination", "myhostname", "mydomain", "myorigin", "relay_domains",
        "virtual_alias_domains", "virtual_mailbox_domains", "inet_interfaces", "proxy_interfaces",
        "compatibility_level", "config_directory", "my_list", "site_domains", "u_a", "u_b", "extra2",
        "MyDestination", "no_such_param", "alias_maps", "smtpd_banner"};
    private static final String[] TLD = {"example", "example.com", "example.org", "test", "invalid"};

    private final Random rnd;

    MainCfGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    Case next() {
        List<String> lines = new ArrayList<>();
        Set<String> defined = new LinkedHashSet<>();
        int n = 1 + rnd.nextInt(9);
        if (rnd.nextInt(12) == 0) {
            lines.add("   " + name() + " = " + value(defined));
        }
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(6) == 0) {
                lines.add(rnd.nextBoolean() ? "# comment " + word() : (rnd.nextBoolean() ? "" : "   \t"));
            }
            String name = name();
            if (name.equals("inet_interfaces")) {
                // postconf resolves inet_interfaces against this machine's interfaces: keep to what exists everywhere.
                lines.add(name + " = " + pick("all", "loopback-only", "127.0.0.1", "127.0.0.1, [::1]", "${nosuch:all}"));
                defined.add(name);
                continue;
            }
            if (name.equals("compatibility_level")) {
                lines.add(name + " = " + pick("0", "1", "2", "3.6", "3.7", "9999", "$u_a"));
                defined.add(name);
                continue;
            }
            if (rnd.nextInt(60) == 0) {
                lines.add(name + " " + domain());
                continue;
            }
            defined.add(name);
            String v = value(defined);
            String eq = pick(" = ", "=", " =", "= ", "  =\t");
            String line = name + eq + v;
            if (rnd.nextInt(4) == 0) {
                String[] parts = line.split(", ", -1);
                if (parts.length > 1) {
                    StringBuilder sb = new StringBuilder(parts[0]);
                    for (int k = 1; k < parts.length; k++) {
                        sb.append(rnd.nextBoolean() ? ",\n" + pick(" ", "\t", "    ") : ", ");
                        if (rnd.nextInt(5) == 0) {
                            sb.append("\n# inner comment\n ");
                        }
                        sb.append(parts[k]);
                    }
                    line = sb.toString();
                }
            }
            if (rnd.nextInt(10) == 0) {
                line = line + pick(" ", "\t", " # not a comment");
            }
            lines.add(line);
            if (rnd.nextInt(12) == 0) {
                lines.add(name + " = " + (rnd.nextBoolean() ? v : domain()));
            }
        }
        if (rnd.nextInt(20) == 0) {
            lines.add("loop_a = $loop_b");
            lines.add("loop_b = " + pick("$loop_a", "x.$loop_a"));
            if (rnd.nextBoolean()) {
                lines.add("mydestination = $myhostname, $loop_a");
            }
        }
        String sep = rnd.nextInt(15) == 0 ? "\r\n" : "\n";
        String text = String.join(sep, lines).replace("\n", sep.equals("\r\n") ? "\n" : "\n");
        if (sep.equals("\r\n")) {
            text = text.replace("\n", "\r\n");
        }
        if (rnd.nextInt(5) != 0) {
            text = text + sep;
        }
        String hostname = rnd.nextBoolean() ? word() + "." + domain() : word();
        List<String> params = new ArrayList<>();
        int q = 1 + rnd.nextInt(6);
        for (int i = 0; i < q; i++) {
            String p = QUERY[rnd.nextInt(QUERY.length)];
            if (!params.contains(p)) {
                params.add(p);
            }
        }
        return new Case(text, hostname, params);
    }

    private String name() {
        int r = rnd.nextInt(10);
        if (r < 6) {
            return BUILTIN[rnd.nextInt(BUILTIN.length)];
        }
        if (r < 9) {
            return USER[rnd.nextInt(USER.length)];
        }
        return pick("MyDestination", "my-odd.name", "MYHOSTNAME");
    }

    private String value(Set<String> defined) {
        int k = rnd.nextInt(5);
        List<String> elems = new ArrayList<>();
        for (int i = 0; i <= k; i++) {
            elems.add(element(defined, 0));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < elems.size(); i++) {
            if (i > 0) {
                sb.append(pick(", ", " ", ",", " , ", "\t", ",  "));
            }
            sb.append(elems.get(i));
        }
        return sb.toString();
    }

    private String ref() {
        String name = rnd.nextInt(4) == 0 ? USER[rnd.nextInt(USER.length)]
                : pick("myhostname", "mydomain", "myorigin", "mydestination", "compatibility_level",
                        "virtual_alias_maps", "config_directory", "nosuch", "inet_interfaces");
        return switch (rnd.nextInt(4)) {
            case 0 -> "${" + name + "}";
            case 1 -> "$(" + name + ")";
            default -> "$" + name;
        };
    }

    private String element(Set<String> defined, int depth) {
        int r = rnd.nextInt(24);
        return switch (r) {
            case 0, 1, 2, 3, 4 -> domain();
            case 5, 6, 7 -> ref();
            case 8 -> "localhost." + ref();
            case 9 -> ref() + "." + word();
            case 10 -> "!" + domain();
            case 11 -> pick("hash:/etc/postfix/", "texthash:/etc/postfix/", "proxy:mysql:/etc/postfix/",
                    "regexp:/etc/postfix/") + word();
            case 12 -> "/etc/postfix/" + word();
            case 13 -> "{" + domain() + " " + domain() + "}";
            case 14 -> "${" + condName() + "?" + (rnd.nextBoolean() ? "{" + inner(depth) + "}" : domain()) + "}";
            case 15 -> "${" + condName() + ":" + (rnd.nextBoolean() ? "{" + inner(depth) + "}" : domain()) + "}";
            case 16 -> "${" + condName() + pick("?", " ? ") + "{" + inner(depth) + "}" + pick(":", " : ") + "{"
                    + inner(depth) + "}}";
            case 17 -> "${{$compatibility_level} " + pick("<level", ">=level", "<", "==", "!=") + " {"
                    + pick("2", "1", "3.6", "10") + "} ? {" + inner(depth) + "} : {" + inner(depth) + "}}";
            case 18 -> "${{" + pick("$myhostname", "a", "10", "9") + "} " + pick("==", "!=", "<", "<=", ">", ">=")
                    + " {" + pick("$myhostname", "b", "10", "100", "mx.example.com") + "} ? {" + inner(depth)
                    + "} : {" + inner(depth) + "}}";
            case 19 -> pick("$$" + word(), "a$$b." + domain(), word() + "$$");
            case 20 -> "# " + domain();
            case 21 -> domain() + ".";
            case 22 -> "." + domain();
            default -> rnd.nextInt(8) == 0 ? pick("trailing$", "${" + word(), "${}", "${a b}", "$(x}") : domain();
        };
    }

    private String inner(int depth) {
        if (depth > 1) {
            return domain();
        }
        return rnd.nextBoolean() ? domain() : element(Set.of(), depth + 1).replace("#", "");
    }

    private String condName() {
        return pick("myhostname", "nosuch", "u_a", "u_b", "proxy_interfaces", "relayhost", "my_list");
    }

    private String domain() {
        String d = word() + "." + TLD[rnd.nextInt(TLD.length)];
        return rnd.nextInt(6) == 0 ? d.toUpperCase() : d;
    }

    private String word() {
        String letters = "abcdefghijklmnopqrstuvwxyz";
        int len = 1 + rnd.nextInt(6);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(letters.charAt(rnd.nextInt(letters.length())));
        }
        if (rnd.nextInt(8) == 0) {
            sb.append('-').append(rnd.nextInt(10));
        }
        return sb.toString();
    }

    private String pick(String... options) {
        return options[rnd.nextInt(options.length)];
    }
}

package org.maildrift.mta.exim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random Exim configurations for the differential test, seeded and replayable: macros (redefined with
 * {@code ==}, used inside lists, names that contain other names), {@code .ifdef}/{@code .ifndef}/
 * {@code .elifdef}/{@code .else} blocks, {@code .include} of a file of definitions, continuation lines with
 * comment lines between them, quoted values, the {@code <;} separator, named lists referring to others, and
 * every kind of domain-list item maildrift models (literals, {@code @}, {@code @[]}, {@code *suffix},
 * negation, {@code \N^regex\N}, lsearch, wildlsearch, nwildlsearch, partial-lsearch, lsearch*, dsearch,
 * files of items). About one configuration in eight carries a mistake Exim refuses at start-up.
 */
final class EximConfGenerator {

    /** One configuration: the main file, the files it refers to (relative names → text), and domains to ask about. */
    record Case(long seed, String conf, Map<String, String> files, List<String> dirEntries, List<String> domains,
            boolean setsPrimary) {
    }

    static final List<String> NAMES = List.of("example.com", "Example.NET", "sub.example.org", "a.w.example", "w.example",
            "wr12.example", "wrx.example", "ls1.example", "LS2.Example", "ls3.example", "quoted.example", "mx.example.com",
            "mail.example.com", "localhost", "other.example", "x.y.partial.example", "partial.example",
            "y.partial.example", "neg.example", "dir1.example", "dir2.example", "file1.example", "file2.example",
            "inc.example", "mac.example", "mac2.example", "[127.0.0.1]", "[192.0.2.10]", "[192.0.2.99]", "[IPv6:::1]",
            "deep.sub.example.org", "nowhere.invalid", "ifnot.example", "r.example", "x.rr.example");

    private EximConfGenerator() {
    }

    static Case generate(long seed, String dir, String preamble) {
        Random r = new Random(seed);
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder c = new StringBuilder();
        c.append("# generated, seed ").append(seed).append('\n').append(preamble);
        boolean setsPrimary = r.nextBoolean();
        if (setsPrimary) {
            c.append("primary_hostname = ").append(r.nextBoolean() ? "mx.example.com" : "\"mx.example.com\"").append('\n');
        }
        if (r.nextBoolean()) {
            c.append(r.nextBoolean() ? "allow_domain_literals\n" : "allow_domain_literals = true\n");
        }
        if (r.nextInt(4) == 0) {
            c.append("local_interfaces = ").append(r.nextBoolean() ? "<; 127.0.0.1 ; ::1" : "127.0.0.1 : 192.0.2.10")
                    .append('\n');
        }
        // lookup files
        files.put("ls.txt", lsearchFile(r));
        files.put("wild.txt", "# wild keys\n*.w.example: wild\n\\N^wr[0-9]+\\.example$\\N\nls3.example\n"
                + (r.nextBoolean() ? "^wr[0-9]+\\.example$\n" : ""));
        files.put("part.txt", "*.partial.example\npartial.example: exact\n" + (r.nextBoolean() ? "*: star\n" : ""));
        files.put("items.txt", "# items\nfile1.example\n  FILE2.example   # trailing comment\n"
                + (r.nextBoolean() ? "!neg.example\n" : "") + "*.sub.example.org\n");
        List<String> dirEntries = List.of("dir1.example", "dir2.example");

        // macros, some in an included file
        List<String> macroNames = new ArrayList<>();
        c.append("MACDOM = mac.example\n");
        macroNames.add("MACDOM");
        if (r.nextBoolean()) {
            c.append("SECONDDOM = mac2.example").append(r.nextBoolean() ? " : MACDOM" : "").append('\n');
            macroNames.add("SECONDDOM");
        }
        if (r.nextInt(3) == 0) {
            c.append("MACDOM == ").append(r.nextBoolean() ? "mac2.example" : "mac.example : inc.example").append('\n');
        }
        if (r.nextBoolean()) {
            files.put("inc.conf", "# included\nINCDOM = inc.example\n" + (r.nextBoolean() ? "domainlist inc_domains = inc.example : ls1.example\n" : ""));
            c.append(r.nextBoolean() ? ".include " + dir + "/inc.conf\n" : ".include inc.conf\n");
            if (files.get("inc.conf").contains("INCDOM")) {
                macroNames.add("INCDOM");
            }
        } else if (r.nextBoolean()) {
            c.append(".include_if_exists ").append(dir).append("/absent.conf\n");
        }
        boolean hasOther = r.nextBoolean();
        if (hasOther) {
            c.append("domainlist other_domains = ").append(items(r, dir, macroNames, false, 1 + r.nextInt(3))).append('\n');
        }
        // the local list, perhaps inside a conditional, perhaps on continuation lines
        String localItems = items(r, dir, macroNames, hasOther, 2 + r.nextInt(6));
        switch (r.nextInt(4)) {
            case 0 -> c.append(".ifdef MACDOM\n").append(listLine(r, localItems)).append(".else\n")
                    .append("domainlist local_domains = nothing.example\n.endif\n");
            case 1 -> c.append(".ifndef NOPE_UNDEFINED\n").append(listLine(r, localItems)).append(".endif\n");
            case 2 -> c.append(".ifdef NOPE_UNDEFINED\ndomainlist local_domains = nothing.example\n.elifdef MACDOM\n")
                    .append(listLine(r, localItems)).append(".else\ndomainlist local_domains = other.example\n.endif\n");
            default -> c.append(listLine(r, localItems));
        }
        // a mistake Exim refuses, now and then
        int mistake = r.nextInt(8) == 0 ? r.nextInt(10) : -1;
        switch (mistake) {
            case 0 -> c.append(".ifdef MACDOM\nqualify_domain = example.org\n");
            case 1 -> c.append("MACDOM = again.example\n");
            case 2 -> c.append("no_such_option_here = 1\n");
            case 3 -> c.append(".include ").append(dir).append("/missing.conf\n");
            case 4 -> c.append("MACDOMX = substring.example\n");
            case 5 -> c.append(".endif\n");
            case 6 -> c.append("domainlist local_domains = twice.example\n");
            default -> {
            }
        }
        // the RCPT ACL, in the shapes configurations have it
        int aclShape = r.nextInt(6);
        if (aclShape > 0) {
            c.append("domainlist relay_to_domains = r.example : *.rr.example").append(r.nextBoolean() ? " : MACDOM" : "")
                    .append("\nacl_smtp_rcpt = check_rcpt\nbegin acl\ncheck_rcpt:\n").append(switch (aclShape) {
                        case 1 -> "  accept  domains = +local_domains\n  require message = relay not permitted\n"
                                + "          domains = +relay_to_domains\n  accept\n";
                        case 2 -> "  accept  domains = +local_domains : +relay_to_domains\n  deny    message = no\n";
                        case 3 -> "  accept  hosts = :\n  deny    domains = +local_domains\n          local_parts = ^[.] : ^.*[@%!/|]\n"
                                + "  accept  local_parts = postmaster\n          domains = +local_domains\n"
                                + "  accept  hosts = 127.0.0.1\n  require message = relay not permitted\n"
                                + "          domains = +local_domains : +relay_to_domains\n  accept\n";
                        case 4 -> "  accept  domains = +local_domains\n  accept  domains = +relay_to_domains\n"
                                + "          endpass\n          verify = recipient\n  deny    message = no relaying\n";
                        default -> "  deny    message = relay not permitted\n          !domains = +local_domains : +relay_to_domains\n"
                                + "  warn    log_message = accepted\n  accept\n";
                    });
        }
        c.append("begin routers\nlocal:\n  driver = accept\n  domains = +local_domains\n  transport = local_delivery\n")
                .append(mistake == 7 ? "  widen_domains = example.com\n" : "  no_more\n")
                .append("remote:\n").append(mistake == 8 ? "  route_list = * 192.0.2.1\n  driver = manualroute\n"
                        : "  driver = manualroute\n  route_list = * 192.0.2.1\n").append("  transport = remote_smtp\n")
                .append(mistake == 9 ? "legacy:\n  driver = iplookup\n" : "")
                .append("begin transports\nlocal_delivery:\n  driver = appendfile\n  file = /dev/null\n")
                .append("remote_smtp:\n  driver = smtp\n").append(r.nextBoolean() ? "  hosts_require_tls = *\n" : "");
        List<String> domains = new ArrayList<>(NAMES);
        domains.add("MAC.example");
        domains.add("ls1.EXAMPLE");
        return new Case(seed, c.toString(), files, dirEntries, domains, setsPrimary);
    }

    private static String listLine(Random r, String items) {
        return switch (r.nextInt(4)) {
            case 0 -> "domainlist local_domains = " + items.replace(" : ", " : \\\n# a comment line inside\n    ") + "\n";
            case 1 -> "domainlist local_domains = " + items.replace(" : ", " : \\\n    ") + "\n";
            case 2 -> items.contains("\"") || items.contains("\\") ? "domainlist local_domains = " + items + "\n"
                    : "domainlist local_domains = \"" + items + "\"\n";
            default -> "domainlist local_domains = " + items + "\n";
        };
    }

    private static String lsearchFile(Random r) {
        StringBuilder b = new StringBuilder("# lsearch keys\n");
        b.append("ls1.example\n");
        b.append("LS2.example: with data\n");
        b.append("  continued data line\n");
        if (r.nextBoolean()) {
            b.append("\"quoted.example\" data\n");
        }
        if (r.nextBoolean()) {
            b.append("*: star key\n");
        }
        b.append("\n");
        return b.toString();
    }

    private static String items(Random r, String dir, List<String> macros, boolean hasOther, int n) {
        List<String> pool = new ArrayList<>(List.of("@", "@[]", "example.com", "EXAMPLE.net", "*.w.example",
                "*example.org", "!neg.example", "neg.example", "\\N^wr[0-9]+\\.example$\\N", "lsearch;" + dir + "/ls.txt",
                "wildlsearch;" + dir + "/wild.txt", "nwildlsearch;" + dir + "/wild.txt",
                "partial-lsearch;" + dir + "/part.txt", "lsearch*;" + dir + "/ls.txt", "dsearch;" + dir + "/dir",
                dir + "/items.txt", "localhost", "${primary_hostname}", "!*.sub.example.org", "!@",
                "${if exists{" + dir + "/ls.txt}{lsearch;" + dir + "/ls.txt}fail}",
                "${if exists{" + dir + "/absent.txt}{partial-lsearch;" + dir + "/absent.txt}fail}",
                "${if !exists{" + dir + "/absent.txt}{ifnot.example}{}}"));
        pool.addAll(macros);
        if (hasOther) {
            pool.add("+other_domains");
            pool.add("!+other_domains");
        }
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            chosen.add(pool.get(r.nextInt(pool.size())));
        }
        if (r.nextInt(5) == 0 && chosen.stream().noneMatch(c -> c.contains("${if"))) {
            // ';' would split the lookups, so a list with its own separator uses ','
            return "<, " + String.join(" , ", chosen);
        }
        return String.join(" : ", chosen);
    }
}

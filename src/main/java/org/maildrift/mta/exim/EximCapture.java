package org.maildrift.mta.exim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an agent captures on an Exim host: {@code exim -bP +local_domains +relay_to_domains primary_hostname
 * qualify_domain qualify_recipient}. Exim prints named lists and options in its own configuration syntax,
 * and a line saying that a list does not exist; the capture is read as that configuration.
 */
public final class EximCapture {

    private static final Pattern LIST = Pattern.compile("^(?:domainlist|hostlist|addresslist|localpartlist) [A-Za-z0-9_]+ = .*");
    private static final Pattern OPTION = Pattern.compile("^[a-z][a-z0-9_]* = .*");
    private static final Pattern NO_LIST = Pattern.compile("^no address, domain, host, or local part list called \"[^\"]*\" exists$");

    private EximCapture() {
    }

    /** Whether every line is a list, an option or Exim's "no list called" line, and one is a domainlist. */
    public static boolean looksLikeCapture(String text) {
        boolean list = false;
        for (String l : text.split("\n", -1)) {
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("domainlist ") && LIST.matcher(l).matches()) {
                list = true;
            } else if (!LIST.matcher(l).matches() && !OPTION.matcher(l).matches() && !NO_LIST.matcher(l).matches()) {
                return false;
            }
        }
        return list;
    }

    /** The capture as a configuration: the "no list called" lines left out, line numbers kept. */
    public static String asConfig(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n", -1)) {
            out.add(NO_LIST.matcher(l).matches() ? "# " + l : l);
        }
        return String.join("\n", out);
    }
}

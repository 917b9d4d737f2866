package org.maildrift.mta.exim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.maildrift.mail.Mta;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.MtaDialect;

/**
 * Debian's answers file, update-exim4.conf.conf, as people edit it (then run update-exim4.conf): local
 * names in {@code dc_other_hostnames}, relayed domains in {@code dc_relay_domains}, each a list separated by
 * ':' or ';'; the host's own name through {@code MAIN_HARDCODE_PRIMARY_HOSTNAME}, which update-exim4.conf
 * turns into a macro the template uses for primary_hostname.
 */
public final class DebianEximDialect implements MtaDialect {

    public static final DebianEximDialect INSTANCE = new DebianEximDialect();
    private static final Pattern ANSWERS = Pattern.compile("(?m)^dc_eximconfig_configtype=");

    private DebianEximDialect() {
    }

    /** Whether a text is an update-exim4.conf.conf. */
    public static boolean isAnswers(String text) {
        return ANSWERS.matcher(text).find();
    }

    @Override
    public Mta mta() {
        return Mta.EXIM;
    }

    @Override
    public String listSetting(AddressClass cls) {
        return cls == AddressClass.RELAY ? "dc_relay_domains" : "dc_other_hostnames";
    }

    @Override
    public String ownNameSetting() {
        return "MAIN_HARDCODE_PRIMARY_HOSTNAME";
    }

    @Override
    public String originSetting() {
        return "qualify_domain";
    }

    /** The last assignment of {@code name} (sourced last, so it wins), or null. */
    private static java.util.regex.MatchResult find(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "=(.*)$").matcher(text);
        java.util.regex.MatchResult last = null;
        while (m.find()) {
            last = m.toMatchResult();
        }
        return last;
    }

    private static String value(java.util.regex.MatchResult m) {
        String v = m.group(1).strip();
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static String set(String text, String name, String value) {
        java.util.regex.MatchResult m = find(text, name);
        String line = name + "='" + value + "'";
        if (m == null) {
            return text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + line + "\n";
        }
        return text.substring(0, m.start()) + line + text.substring(m.end());
    }

    @Override
    public String accept(String text, String name) {
        java.util.regex.MatchResult m = find(text, "dc_other_hostnames");
        String v = m == null ? "" : value(m);
        String sep = v.contains(";") ? ";" : ":";
        return set(text, "dc_other_hostnames", v.isBlank() ? name : v.replaceAll("[;: ]*$", "") + sep + name);
    }

    @Override
    public String acceptWords(String text, String file, String host, String name) {
        return "add " + name + " to dc_other_hostnames in " + file + " on " + host + " and run update-exim4.conf";
    }

    @Override
    public String drop(String text, String name) {
        String out = text;
        boolean found = false;
        for (String key : new String[] {"dc_other_hostnames", "dc_relay_domains"}) {
            java.util.regex.MatchResult m = find(out, key);
            if (m == null) {
                continue;
            }
            String v = value(m);
            String sep = v.contains(";") ? ";" : ":";
            List<String> kept = new ArrayList<>();
            boolean here = false;
            for (String item : v.split("[;:]")) {
                if (item.strip().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    here = true;
                } else if (!item.isBlank()) {
                    kept.add(item.strip());
                }
            }
            if (here) {
                found = true;
                out = set(out, key, String.join(sep, kept));
            }
        }
        return found ? out : null;
    }

    @Override
    public String dropWords(String text, String file, String host, String name) {
        return "remove " + name + " from dc_other_hostnames in " + file + " on " + host + " and run update-exim4.conf";
    }

    @Override
    public String otherwise() {
        return " with set-parameter (a dc_ answer) or proposed-config";
    }

    @Override
    public String setOwnName(String text, String name) {
        java.util.regex.MatchResult m = find(text, "MAIN_HARDCODE_PRIMARY_HOSTNAME");
        String line = "MAIN_HARDCODE_PRIMARY_HOSTNAME=" + name;
        if (m == null) {
            return text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + line + "\n";
        }
        return text.substring(0, m.start()) + line + text.substring(m.end());
    }

    @Override
    public String ownNameWords(String text, String file, String name) {
        return "set MAIN_HARDCODE_PRIMARY_HOSTNAME=" + name + " in " + file + " and run update-exim4.conf";
    }

    /** A debconf answer ({@code dc_…}); null for anything else, which the answers file cannot hold. */
    @Override
    public String setParameter(String text, String name, String value) {
        return name.startsWith("dc_") && name.matches("[a-z0-9_]+") ? set(text, name, value) : null;
    }

    @Override
    public String parameterWords(String text, String file, String name, String value) {
        return "set " + name + "='" + value + "' in " + file + " and run update-exim4.conf";
    }
}

package org.maildrift.mta.exim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.maildrift.mail.Mta;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.MtaDialect;

/**
 * Exim's words and edits on its main configuration file: the named domain lists the routers and the RCPT
 * ACL use ({@code domainlist local_domains}, {@code domainlist relay_to_domains} by convention), edited
 * where they are defined, through the macro a list's value names (Debian's {@code MAIN_LOCAL_DOMAINS});
 * {@code primary_hostname} for the own name; main options for set-parameter.
 */
public final class EximDialect implements MtaDialect {

    public static final EximDialect CONVENTIONAL = new EximDialect("local_domains", "relay_to_domains");

    private final String localList;
    private final String relayList;

    public EximDialect(String localList, String relayList) {
        this.localList = localList == null ? "local_domains" : localList;
        this.relayList = relayList == null ? "relay_to_domains" : relayList;
    }

    @Override
    public Mta mta() {
        return Mta.EXIM;
    }

    @Override
    public String listSetting(AddressClass cls) {
        return "domainlist " + (cls == AddressClass.RELAY ? relayList : localList);
    }

    @Override
    public String ownNameSetting() {
        return "primary_hostname";
    }

    @Override
    public String originSetting() {
        return "qualify_domain";
    }

    /** Where a list's value is held: the lines of the domainlist (or of the macro it names) and the value's start. */
    private record Place(int first, int last, int valueStart) {
    }

    private static final Pattern MACRO_VALUE = Pattern.compile("[A-Z][A-Za-z0-9_]*");

    private Place place(List<String> lines, String list) {
        Place p = logical(lines, Pattern.compile("^\\s*(?:hide\\s+)?domainlist\\s+" + Pattern.quote(list) + "\\s*=\\s*"));
        if (p == null) {
            return null;
        }
        String value = joined(lines, p).strip();
        if (MACRO_VALUE.matcher(value).matches()) {
            Place m = logical(lines, Pattern.compile("^\\s*" + Pattern.quote(value) + "\\s*==?\\s*"));
            if (m != null) {
                return m;
            }
        }
        return p;
    }

    /** The last logical line whose start matches {@code head}, with its continuation lines. */
    private static Place logical(List<String> lines, Pattern head) {
        Place found = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = head.matcher(lines.get(i));
            if (m.find()) {
                int last = i;
                while (last + 1 < lines.size() && lines.get(last).stripTrailing().endsWith("\\")) {
                    last++;
                }
                found = new Place(i, last, m.end());
            }
        }
        return found;
    }

    /** The value as one line: continuation backslashes removed, the next lines' leading blanks dropped. */
    private static String joined(List<String> lines, Place p) {
        StringBuilder b = new StringBuilder(lines.get(p.first()).substring(p.valueStart()));
        for (int i = p.first() + 1; i <= p.last(); i++) {
            String prev = b.toString().stripTrailing();
            b.setLength(0);
            b.append(prev, 0, Math.max(0, prev.length() - 1)).append(lines.get(i).strip());
        }
        return b.toString();
    }

    @Override
    public String accept(String text, String name) {
        List<String> lines = lines(text);
        Place p = place(lines, localList);
        if (p == null) {
            int begin = firstBegin(lines);
            lines.add(begin, "domainlist " + localList + " = " + name);
            return String.join("\n", lines);
        }
        String last = lines.get(p.last()).stripTrailing();
        String value = joined(lines, p).strip();
        lines.set(p.last(), last + (value.isEmpty() ? "" : " : ") + name);
        return String.join("\n", lines);
    }

    @Override
    public String acceptWords(String text, String file, String host, String name) {
        List<String> lines = lines(text);
        Place p = place(lines, localList);
        if (p == null) {
            return "add \"domainlist " + localList + " = " + name + "\" to " + file + " on " + host
                    + " (and name +" + localList + " in the router that delivers locally)";
        }
        String what = lines.get(p.first()).strip().startsWith("domainlist") || lines.get(p.first()).strip().startsWith("hide")
                ? "domainlist " + localList : "the macro " + lines.get(p.first()).strip().split("[\\s=]")[0]
                        + " (the value of domainlist " + localList + ")";
        return "add " + name + " to " + what + " in " + file + ":" + (p.first() + 1) + " on " + host;
    }

    @Override
    public String drop(String text, String name) {
        List<String> lines = lines(text);
        boolean found = false;
        for (String list : new String[] {localList, relayList}) {
            Place p = place(lines, list);
            if (p == null) {
                continue;
            }
            String head = lines.get(p.first()).substring(0, p.valueStart());
            String value = joined(lines, p).strip();
            String sep = ":";
            String body = value;
            if (value.startsWith("<") && value.length() > 1) {
                sep = String.valueOf(value.charAt(1));
                body = value.substring(2);
            }
            List<String> kept = new ArrayList<>();
            boolean here = false;
            for (String item : body.split(Pattern.quote(sep), -1)) {
                if (item.strip().equalsIgnoreCase(name)) {
                    here = true;
                } else if (!item.isBlank()) {
                    kept.add(item.strip());
                }
            }
            if (!here) {
                continue;
            }
            found = true;
            String prefix = value.startsWith("<") && value.length() > 1 ? value.substring(0, 2) + " " : "";
            String joinedSep = " " + sep + " ";
            lines.set(p.first(), head + prefix + String.join(joinedSep, kept));
            for (int i = p.last(); i > p.first(); i--) {
                lines.remove(i);
            }
        }
        return found ? String.join("\n", lines) : null;
    }

    @Override
    public String dropWords(String text, String file, String host, String name) {
        return "remove " + name + " from domainlist " + localList + " in " + file + " on " + host;
    }

    @Override
    public String otherwise() {
        return " with set-parameter or proposed-config (a name from a lookup file is removed from that file)";
    }

    @Override
    public String setOwnName(String text, String name) {
        String t = setParameter(text, "primary_hostname", name);
        return t == null ? text : t;
    }

    @Override
    public String ownNameWords(String text, String file, String name) {
        return "set primary_hostname = " + name + " in " + file;
    }

    /** Sets a main option: replaces its last line in the main section, or adds it before the first "begin". */
    @Override
    public String setParameter(String text, String name, String value) {
        List<String> lines = lines(text);
        int begin = firstBegin(lines);
        Pattern head = Pattern.compile("^\\s*(?:hide\\s+)?" + Pattern.quote(name) + "\\s*=");
        for (int i = begin - 1; i >= 0; i--) {
            if (head.matcher(lines.get(i)).find()) {
                int last = i;
                while (last + 1 < lines.size() && lines.get(last).stripTrailing().endsWith("\\")) {
                    last++;
                }
                for (int k = last; k > i; k--) {
                    lines.remove(k);
                }
                lines.set(i, name + " = " + value);
                return String.join("\n", lines);
            }
        }
        lines.add(begin, name + " = " + value);
        return String.join("\n", lines);
    }

    @Override
    public String parameterWords(String text, String file, String name, String value) {
        return "set " + name + " = " + value + " in " + file;
    }

    private static int firstBegin(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip().toLowerCase(Locale.ROOT);
            if (l.startsWith("begin ")) {
                return i;
            }
        }
        int n = lines.size();
        return n > 0 && lines.get(n - 1).isEmpty() ? n - 1 : n;
    }

    static List<String> lines(String text) {
        return new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    }
}

package org.maildrift.mta.sendmail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.maildrift.mail.Mta;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.MtaDialect;

/** sendmail's words and edits on a sendmail.cf: class w ({@code Cw} lines) and the own name ({@code Dj}). */
public final class SendmailDialect implements MtaDialect {

    public static final SendmailDialect INSTANCE = new SendmailDialect();

    private SendmailDialect() {
    }

    @Override
    public Mta mta() {
        return Mta.SENDMAIL;
    }

    @Override
    public String listSetting(AddressClass cls) {
        return "class w";
    }

    @Override
    public String ownNameSetting() {
        return "$j";
    }

    @Override
    public String originSetting() {
        return "$j";
    }

    /** Adds {@code Cw name} after the last class w line (or at the end). */
    @Override
    public String accept(String text, String name) {
        List<String> lines = lines(text);
        int after = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("Cw") || l.startsWith("C{w}") || l.startsWith("Fw") || l.startsWith("F{w}")) {
                after = i;
            }
        }
        String line = "Cw" + name;
        if (after < 0) {
            lines.add(line);
        } else {
            lines.add(after + 1, line);
        }
        return String.join("\n", lines);
    }

    @Override
    public String acceptWords(String text, String file, String host, String name) {
        return "add Cw" + name + " to " + file + " (class w) on " + host;
    }

    /** Removes a name from the Cw lines that list it; null when no Cw line does. */
    @Override
    public String drop(String text, String name) {
        List<String> lines = lines(text);
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            String prefix = l.startsWith("Cw") ? "Cw" : l.startsWith("C{w}") ? "C{w}" : null;
            if (prefix == null) {
                continue;
            }
            List<String> kept = new ArrayList<>();
            for (String token : l.substring(prefix.length()).strip().split("\\s+")) {
                if (token.equalsIgnoreCase(name)) {
                    found = true;
                } else if (!token.isEmpty()) {
                    kept.add(token);
                }
            }
            lines.set(i, kept.isEmpty() ? "# " + l + "    (dropped by maildrift precheck)" : prefix + String.join(" ", kept));
        }
        return found ? String.join("\n", lines) : null;
    }

    @Override
    public String dropWords(String text, String file, String host, String name) {
        return "remove " + name + " from " + file + " on " + host;
    }

    @Override
    public String otherwise() {
        return " with proposed-config";
    }

    /** Sets sendmail's own name ({@code Dj}). */
    @Override
    public String setOwnName(String text, String name) {
        List<String> lines = lines(text);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("Dj")) {
                lines.set(i, "Dj" + name);
                return String.join("\n", lines);
            }
        }
        lines.add("Dj" + name);
        return String.join("\n", lines);
    }

    @Override
    public String ownNameWords(String text, String file, String name) {
        return "set Dj" + name + " in " + file;
    }

    @Override
    public String setParameter(String text, String name, String value) {
        return null;
    }

    @Override
    public String parameterWords(String text, String file, String name, String value) {
        return "set " + name + " = " + value + " in " + file + " (a new line)";
    }

    static List<String> lines(String text) {
        return new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    }
}

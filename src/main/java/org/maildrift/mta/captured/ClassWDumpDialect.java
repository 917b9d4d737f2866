package org.maildrift.mta.captured;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.maildrift.mail.Mta;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.MtaDialect;

/**
 * A captured {@code $=w} list, edited as the list it is: a name a line. It holds no own name, so setting
 * one leaves it as it is (the inventory's host name changes).
 */
public final class ClassWDumpDialect implements MtaDialect {

    public static final ClassWDumpDialect INSTANCE = new ClassWDumpDialect();

    private ClassWDumpDialect() {
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
    public String accept(String text, String name) {
        return text.endsWith("\n") || text.isEmpty() ? text + name + "\n" : text + "\n" + name + "\n";
    }

    @Override
    public String acceptWords(String text, String file, String host, String name) {
        return "add Cw" + name + " to " + file + " (class w) on " + host;
    }

    @Override
    public String drop(String text, String name) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        boolean found = lines.removeIf(l -> l.strip().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)));
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

    @Override
    public String setOwnName(String text, String name) {
        return text;
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
}

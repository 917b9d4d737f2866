package org.maildrift.mta.captured;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.maildrift.mail.Mta;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.MtaDialect;
import org.maildrift.mta.sendmail.SendmailDialect;

/**
 * A captured {@code $=w} list, edited as the list it is: a name a line. It holds no own name, so setting
 * one leaves it as it is (the inventory's host name changes). Its words are sendmail's.
 */
public final class ClassWDumpDialect implements MtaDialect {

    public static final ClassWDumpDialect INSTANCE = new ClassWDumpDialect();
    private static final MtaDialect SENDMAIL = SendmailDialect.INSTANCE;

    private ClassWDumpDialect() {
    }

    @Override
    public Mta mta() {
        return Mta.SENDMAIL;
    }

    @Override
    public String listSetting(AddressClass cls) {
        return SENDMAIL.listSetting(cls);
    }

    @Override
    public String ownNameSetting() {
        return SENDMAIL.ownNameSetting();
    }

    @Override
    public String originSetting() {
        return SENDMAIL.originSetting();
    }

    @Override
    public String accept(String text, String name) {
        return text.endsWith("\n") || text.isEmpty() ? text + name + "\n" : text + "\n" + name + "\n";
    }

    @Override
    public String acceptWords(String text, String file, String host, String name) {
        return SENDMAIL.acceptWords(text, file, host, name);
    }

    @Override
    public String drop(String text, String name) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        boolean found = lines.removeIf(l -> l.strip().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)));
        return found ? String.join("\n", lines) : null;
    }

    @Override
    public String dropWords(String text, String file, String host, String name) {
        return SENDMAIL.dropWords(text, file, host, name);
    }

    @Override
    public String otherwise() {
        return SENDMAIL.otherwise();
    }

    @Override
    public String setOwnName(String text, String name) {
        return text;
    }

    @Override
    public String ownNameWords(String text, String file, String name) {
        return SENDMAIL.ownNameWords(text, file, name);
    }

    @Override
    public String setParameter(String text, String name, String value) {
        return null;
    }

    @Override
    public String parameterWords(String text, String file, String name, String value) {
        return SENDMAIL.parameterWords(text, file, name, value);
    }
}

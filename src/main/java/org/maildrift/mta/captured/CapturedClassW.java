package org.maildrift.mta.captured;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.maildrift.mta.model.Acceptance;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.AddressClass;
import org.maildrift.mta.model.ConfigProblem;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.Provenance;

/**
 * Reads the output of {@code echo '$=w' | sendmail -bt} captured on a sendmail host: the banner and
 * prompts are skipped, each remaining line is one member of class w. Such a dump says nothing about
 * canonicalisation, so sendmail's default (canonify through CNAMEs) is assumed and said so.
 */
public final class CapturedClassW {

    private CapturedClassW() {
    }

    /** True when the text looks like sendmail -bt output rather than a sendmail.cf. */
    public static boolean looksLikeDump(String text) {
        return text.contains("ADDRESS TEST MODE") || text.contains("Enter <ruleset> <address>")
                || text.startsWith("> ") || text.contains("\n> ");
    }

    public static HostNames read(String file, String text) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, AcceptedName> members = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        boolean banner = text.contains("Enter <ruleset> <address>");
        boolean inAnswer = !banner;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (!inAnswer) {
                if (line.startsWith("Enter <ruleset> <address>")) {
                    inAnswer = true;
                }
                continue;
            }
            while (line.startsWith(">")) {
                line = line.substring(1).stripLeading();
            }
            String word = line.strip();
            if (word.isEmpty()) {
                continue;
            }
            if (word.contains(" ") || word.contains("\t")) {
                problems.add(ConfigProblem.warning(file, i + 1, "not a class member, skipped: " + word));
                continue;
            }
            members.putIfAbsent(word.toLowerCase(Locale.ROOT),
                    new AcceptedName(word, AddressClass.LOCAL, new Provenance(file, i + 1, List.of("$=w"))));
        }
        if (members.isEmpty()) {
            problems.add(ConfigProblem.error(file, 0, "no class w members found in this $=w capture"));
        }
        problems.add(ConfigProblem.warning(file, 0,
                "a $=w capture does not show canonicalisation; sendmail's default (canonify through CNAMEs) is assumed"));
        Map<String, AcceptedName> snapshot = Map.copyOf(members);
        return new HostNames(ClassWDumpDialect.INSTANCE, List.copyOf(members.values()), List.of(), List.of(), problems, true,
                List.of(), domain -> {
                    String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
                    AcceptedName hit = snapshot.get(d.toLowerCase(Locale.ROOT));
                    return hit == null ? Acceptance.no("not in the captured class w")
                            : Acceptance.yes(AddressClass.LOCAL, "in class w (" + hit.source().describe() + ")");
                }, null);
    }
}

package org.maildrift.mta.sendmail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of sendmail.cf files and class files that exercise class w: Cw / C{w} lines with
 * several words, macros ($j $w $m $k and defined ones), $=X copies, Dj overrides, Fw files with -o,
 * quoted paths, scanf formats, comments, blank and multi-word lines, missing files, mixed case
 * duplicates, continuation lines, and the three DontProbeInterfaces settings.
 */
final class SendmailCfGenerator {

    /** A case: the host's name, the cf text, class files by absolute path (under {@code auxDir}). */
    record Case(String hostname, List<String> hostAliases, String cf, Map<String, String> files) {
    }

    private final Random rnd;
    private final String auxDir;

    SendmailCfGenerator(long seed, String auxDir) {
        this.rnd = new Random(seed);
        this.auxDir = auxDir;
    }

    Case next(int index) {
        String host = word() + "." + pick("example.com", "example.org", "corp.example");
        List<String> aliases = new ArrayList<>();
        aliases.add(host.substring(0, host.indexOf('.')));
        if (rnd.nextBoolean()) {
            aliases.add(word() + ".example.net");
        }
        Map<String, String> files = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        lines.add("V10/Berkeley");
        lines.add("O DontProbeInterfaces=" + pick("true", "true", "false", "loopback"));
        if (rnd.nextBoolean()) {
            lines.add("Cwlocalhost");
        }
        int n = 2 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(10)) {
                case 0, 1, 2 -> lines.add(pick("Cw", "C{w}", "Cw ") + words());
                case 3 -> lines.add("C" + pick("R", "{Extra}", "M") + words());
                case 4 -> lines.add("Cw" + pick("$=R", "$={Extra}", "$=M", "$j", "$w.alt.example", "$m", "$k",
                        "mail.$m", "${foo}.example", "$=R $j"));
                case 5 -> lines.add("D" + pick("{foo}", "j", "{foo}") + pick(word() + ".example", "$w." + word()
                        + ".example", "$m", word()));
                case 6, 7 -> lines.add(fileLine(index, i, files));
                case 8 -> lines.add("# " + words());
                default -> lines.add("Cw" + word() + ".example\n\t" + word() + ".example");
            }
        }
        return new Case(host, aliases, String.join("\n", lines) + "\n", files);
    }

    private String fileLine(int index, int i, Map<String, String> files) {
        String path = auxDir + "/c" + index + "-" + i + ".names";
        boolean exists = rnd.nextInt(5) != 0;
        boolean optional = rnd.nextBoolean();
        String format = pick("", "", "", " %s", " %*s %s");
        if (exists) {
            StringBuilder sb = new StringBuilder();
            int k = 1 + rnd.nextInt(6);
            for (int j = 0; j < k; j++) {
                switch (rnd.nextInt(7)) {
                    case 0 -> sb.append("# ").append(word()).append(".example\n");
                    case 1 -> sb.append('\n');
                    case 2 -> sb.append(word()).append(".example ").append(word()).append(".example\n");
                    case 3 -> sb.append("  ").append(word()).append(".example\n");
                    case 4 -> sb.append(word().toUpperCase()).append(".Example\n");
                    default -> sb.append(word()).append(".example\n");
                }
            }
            files.put(path, sb.toString());
        }
        String cls = pick("w", "w", "{w}", "R", "{Extra}");
        String p = rnd.nextInt(5) == 0 ? "\"" + path + "\"" : path;
        return "F" + cls + (optional ? pick("-o ", "-o") : "") + pick("", " ") + p + format;
    }

    private String words() {
        int k = 1 + rnd.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < k; i++) {
            if (i > 0) {
                sb.append(pick(" ", "  ", "\t"));
            }
            String w = word() + "." + pick("example", "example.com", "test");
            sb.append(rnd.nextInt(5) == 0 ? w.toUpperCase() : w);
        }
        return sb.toString();
    }

    private String word() {
        String letters = "abcdefghij";
        int len = 1 + rnd.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(letters.charAt(rnd.nextInt(letters.length())));
        }
        return sb.toString();
    }

    private String pick(String... options) {
        return options[rnd.nextInt(options.length)];
    }
}

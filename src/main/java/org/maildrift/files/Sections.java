package org.maildrift.files;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A text of sections, each after a line {@code === NAME}, as the agents push them (tls-chain, dkim). Sections whose
 * name {@code wanted} refuses are skipped; a name given twice keeps its last section.
 */
public final class Sections {

    private Sections() {
    }

    public static Map<String, String> parse(String text, Predicate<String> wanted) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (line.startsWith("=== ")) {
                if (name != null) {
                    out.put(name, body.toString());
                }
                String n = line.substring(4).strip();
                name = wanted.test(n) ? n : null;
                body.setLength(0);
            } else if (name != null) {
                body.append(line).append('\n');
            }
        }
        if (name != null) {
            out.put(name, body.toString());
        }
        return out;
    }
}

package org.maildrift.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough Markdown for the rule pages: headings, paragraphs, fenced code, lists and tables (shown as
 * rows of cells). Produces blocks the template renders with escaping; no HTML passes through.
 */
final class Markdown {

    record Block(String kind, String text, List<String> items, List<List<String>> rows) {
    }

    private Markdown() {
    }

    static List<Block> blocks(String text) {
        List<Block> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder para = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("```")) {
                flush(out, para);
                StringBuilder code = new StringBuilder();
                for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
                    code.append(lines[i]).append('\n');
                }
                out.add(new Block("code", code.toString(), List.of(), List.of()));
            } else if (line.startsWith("#")) {
                flush(out, para);
                int level = 0;
                while (level < line.length() && line.charAt(level) == '#') {
                    level++;
                }
                out.add(new Block("h" + Math.min(level + 1, 4), strip(line.substring(level).trim()), List.of(),
                        List.of()));
            } else if (line.startsWith("|")) {
                flush(out, para);
                List<List<String>> rows = new ArrayList<>();
                for (; i < lines.length && lines[i].startsWith("|"); i++) {
                    if (lines[i].matches("\\|[-:| ]+\\|")) {
                        continue;
                    }
                    List<String> cells = new ArrayList<>();
                    for (String c : lines[i].substring(1, lines[i].length() - 1).split("\\|")) {
                        cells.add(strip(c.trim()));
                    }
                    rows.add(cells);
                }
                i--;
                out.add(new Block("table", "", List.of(), rows));
            } else if (line.matches("\\s*([-*]|\\d+\\.) .*")) {
                flush(out, para);
                List<String> items = new ArrayList<>();
                for (; i < lines.length && lines[i].matches("\\s*([-*]|\\d+\\.) .*"); i++) {
                    items.add(strip(lines[i].replaceFirst("\\s*([-*]|\\d+\\.) ", "")));
                }
                i--;
                out.add(new Block("list", "", items, List.of()));
            } else if (line.isBlank()) {
                flush(out, para);
            } else {
                para.append(para.length() == 0 ? "" : " ").append(line.trim());
            }
        }
        flush(out, para);
        return out;
    }

    private static void flush(List<Block> out, StringBuilder para) {
        if (para.length() > 0) {
            out.add(new Block("p", strip(para.toString()), List.of(), List.of()));
            para.setLength(0);
        }
    }

    /** Drops inline markup (`code`, **bold**, [text](link)) and keeps the text. */
    static String strip(String s) {
        return s.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("**", "").replace("`", "");
    }
}

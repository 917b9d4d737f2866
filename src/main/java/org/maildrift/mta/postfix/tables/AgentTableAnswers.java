package org.maildrift.mta.postfix.tables;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.maildrift.mta.FilesRoot;

/**
 * Table answers a mail host's agent pushed: for each question ({@code TYPE:FILE} and a name), what
 * {@code postmap -q NAME TYPE:FILE} said on the host. One line per answer, tab-separated:
 * {@code TYPE:FILE  NAME  found|not-found|failed  [VALUE or REASON]}. A name the agent has not answered
 * is a failed lookup (inconclusive), never "not found". The questions come from {@link #questions}.
 */
public final class AgentTableAnswers implements TableAccess {

    /** The most questions handed to an agent at once. */
    public static final int MAX_QUESTIONS = 50_000;

    private static final Set<String> FIXED = Set.of("mysql", "pgsql", "sqlite", "ldap", "memcache");

    private final Map<String, Map<String, TableAnswer>> answers = new HashMap<>();
    private final int ignoredLines;

    private AgentTableAnswers(int ignoredLines) {
        this.ignoredLines = ignoredLines;
    }

    /** Reads pushed answers; a line that is not an answer is skipped and counted, never quoted. */
    public static AgentTableAnswers parse(String text) {
        int ignored = 0;
        Map<String, Map<String, TableAnswer>> map = new HashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", 4);
            if (f.length < 3 || f[0].indexOf(':') <= 0 || f[1].isEmpty()) {
                ignored++;
                continue;
            }
            TableAnswer a = switch (f[2]) {
                case "found" -> TableAnswer.found(f.length > 3 ? f[3] : "");
                case "not-found" -> TableAnswer.notFound("postmap -q on the mail host found nothing");
                case "failed" -> TableAnswer.failed("postmap -q failed on the mail host");
                default -> null;
            };
            if (a == null) {
                ignored++;
                continue;
            }
            map.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1].toLowerCase(Locale.ROOT), a);
        }
        AgentTableAnswers out = new AgentTableAnswers(ignored);
        out.answers.putAll(map);
        return out;
    }

    /** Lines of the pushed answers that were not answers (malformed), skipped. */
    public int ignoredLines() {
        return ignoredLines;
    }

    @Override
    public Opened open(String type, String file, FilesRoot files) {
        String table = type + ":" + file;
        Map<String, TableAnswer> byKey = answers.get(table);
        if (byKey == null) {
            return Opened.not(table + ": the host's agent has not answered for this table yet");
        }
        boolean fixed = FIXED.contains(type);
        return Opened.of(new TableLookup() {
            @Override
            public TableAnswer lookup(String key) {
                TableAnswer a = byKey.get(key.toLowerCase(Locale.ROOT));
                return a != null ? a : TableAnswer.failed("the host's agent has not answered for " + key + " yet");
            }

            @Override
            public boolean fixedKey() {
                return fixed;
            }
        });
    }

    /** Records the tables a configuration would ask per name, without answering any. */
    public static final class Recorder implements TableAccess {
        private final Set<String> tables = new LinkedHashSet<>();

        @Override
        public Opened open(String type, String file, FilesRoot files) {
            tables.add(type + ":" + file);
            return Opened.not(type + ":" + file + ": recorded for the host's agent");
        }

        public Set<String> tables() {
            return Set.copyOf(tables);
        }
    }

    /**
     * The questions for an agent: each table with each name and its parent domains (relay_domains
     * looks parents up), lower-case, without the trailing dot; at most {@link #MAX_QUESTIONS}.
     */
    public static List<String> questions(Collection<String> tables, Collection<String> names) {
        Set<String> keys = new LinkedHashSet<>();
        for (String n : names) {
            String d = n.toLowerCase(Locale.ROOT);
            d = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
            if (d.isEmpty() || d.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                continue;
            }
            keys.add(d);
            for (int dot = d.indexOf('.'); dot > 0 && dot < d.length() - 1; dot = d.indexOf('.', dot + 1)) {
                keys.add(d.substring(dot + 1));
            }
        }
        List<String> sorted = tables.stream().sorted().toList();
        List<String> out = new java.util.ArrayList<>();
        for (String t : sorted) {
            for (String k : keys) {
                if (out.size() >= MAX_QUESTIONS) {
                    return out;
                }
                out.add(t + "\t" + k);
            }
        }
        return out;
    }
}

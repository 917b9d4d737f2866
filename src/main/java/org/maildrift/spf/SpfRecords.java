package org.maildrift.spf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.maildrift.dns.DnsObserver.Question;
import org.maildrift.dns.model.DnsAnswer;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.model.Outcome;
import org.maildrift.dns.model.RecordType;

/**
 * A domain's SPF record as published, and what breaks it for every receiver whatever address sends (RFC 7208
 * §4.5, §4.6, §5.2): several v=spf1 records, a term that is not SPF, more than ten DNS-querying terms over the
 * record and the includes and redirects it reaches, an include or redirect target without a record. Terms
 * whose domain is built from macros are not followed (they depend on the sender). A lookup that failed makes
 * the analysis inconclusive ({@link Analysis#failed}), never "absent".
 */
public final class SpfRecords {

    /** The most DNS-querying terms one check may evaluate (RFC 7208 §4.6.4). */
    public static final int LOOKUP_LIMIT = 10;
    private static final int MAX_DEPTH = 12;

    /** A domain's records, what is wrong with them, and how many DNS-querying terms they reach. */
    public record Analysis(String domain, List<String> records, List<String> problems, int lookups, DnsAnswer failed) {
        public Analysis {
            records = List.copyOf(records);
            problems = List.copyOf(problems);
        }

        /** The one SPF record, or null when there is none or several. */
        public String record() {
            return records.size() == 1 ? records.get(0) : null;
        }
    }

    private SpfRecords() {
    }

    /** True for a TXT string that is an SPF version 1 record ("v=spf1" alone or followed by a space). */
    public static boolean isSpf(String text) {
        return text.regionMatches(true, 0, "v=spf1", 0, 6) && (text.length() == 6 || text.charAt(6) == ' ');
    }

    /** The SPF records at {@code domain} (TXT data joined, escapes undone). */
    public static List<String> published(DnsAnswer txt) {
        List<String> out = new ArrayList<>();
        if (txt.outcome() == Outcome.ANSWER) {
            for (String r : txt.records()) {
                String t = SpfEvaluator.text(r);
                if (isSpf(t)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** As {@link #analyze(String, Function)}, asking {@code dns} by name and type (a rule's evidence). */
    public static Analysis analyze(String domain, java.util.function.BiFunction<String, RecordType, DnsAnswer> dns) {
        return analyze(domain, (Function<Question, DnsAnswer>) q -> dns.apply(q.name(), q.type()));
    }

    public static Analysis analyze(String domain, Function<Question, DnsAnswer> dns) {
        State s = new State(dns);
        List<String> records = s.records(domain);
        if (s.failed != null) {
            return new Analysis(domain, List.of(), List.of(), 0, s.failed);
        }
        if (records.size() > 1) {
            s.problems.add(domain + " has " + records.size() + " v=spf1 records; receivers give permerror (RFC 7208 §4.5)");
        } else if (records.size() == 1) {
            s.walk(domain, records.get(0), 0, new LinkedHashSet<>());
        }
        if (s.lookups > LOOKUP_LIMIT) {
            s.problems.add(0, "the record reaches " + s.lookups + " DNS-querying terms (include, a, mx, ptr, exists, "
                    + "redirect) through its includes; receivers stop at " + LOOKUP_LIMIT + " with permerror (RFC 7208 §4.6.4)");
        }
        return new Analysis(domain, records, s.failed != null ? List.of() : s.problems, s.lookups, s.failed);
    }

    /** Why a record is not SPF syntax, or null when it parses (jSPF's parser; its message is not repeated). */
    public static String syntaxError(String record) {
        SpfEvaluator parser = new SpfEvaluator(q -> {
            throw new IllegalStateException("parsing looks nothing up");
        });
        if (parser.parses(record)) {
            return null;
        }
        for (String term : record.substring(Math.min(6, record.length())).trim().split(" +")) {
            if (!term.isEmpty() && !parser.parses("v=spf1 " + term)) {
                return "the term \"" + printable(term) + "\" is not valid SPF";
            }
        }
        return "the record is not valid SPF";
    }

    /** A record or a name from one as it may be shown: bytes outside printable ASCII as \\DDD, at most 400 characters. */
    public static String shown(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 400; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append('\\').append(String.format("%03d", (int) c & 0xff));
            }
        }
        return sb.length() >= 400 && s.length() > 400 ? sb + "…" : sb.toString();
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 60; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 60 ? sb + "…" : sb.toString();
    }

    private static final class State {
        final Function<Question, DnsAnswer> dns;
        final List<String> problems = new ArrayList<>();
        int lookups;
        DnsAnswer failed;

        State(Function<Question, DnsAnswer> dns) {
            this.dns = dns;
        }

        List<String> records(String domain) {
            DnsAnswer a = dns.apply(new Question(DnsNames.canonical(domain), RecordType.TXT));
            if (!a.outcome().isFact()) {
                if (failed == null) {
                    failed = a;
                }
                return List.of();
            }
            return published(a);
        }

        void walk(String domain, String record, int depth, Set<String> path) {
            if (failed != null || depth > MAX_DEPTH) {
                return;
            }
            String bad = syntaxError(record);
            if (bad != null) {
                problems.add((depth == 0 ? "" : "in " + shown(domain) + ": ") + bad + "; receivers give permerror");
                return;
            }
            path.add(DnsNames.canonical(domain));
            for (String term : record.substring(6).trim().split(" +")) {
                String t = term.toLowerCase(Locale.ROOT);
                String body = t.isEmpty() || "+-~?".indexOf(t.charAt(0)) < 0 ? t : t.substring(1);
                String target = null;
                if (body.startsWith("include:")) {
                    lookups++;
                    target = body.substring(8);
                } else if (body.startsWith("redirect=")) {
                    lookups++;
                    target = body.substring(9);
                } else if (body.equals("a") || body.startsWith("a:") || body.startsWith("a/") || body.equals("mx")
                        || body.startsWith("mx:") || body.startsWith("mx/") || body.equals("ptr")
                        || body.startsWith("ptr:") || body.startsWith("exists:")) {
                    lookups++;
                }
                if (target == null || target.contains("%")) {
                    continue;
                }
                String word = body.startsWith("include:") ? "include:" : "redirect=";
                if (path.contains(DnsNames.canonical(target))) {
                    problems.add(word + shown(target) + " in " + domain + " leads back to " + shown(target) + " (a loop); receivers give permerror");
                    continue;
                }
                List<String> inner = records(target);
                if (failed != null) {
                    return;
                }
                if (inner.isEmpty()) {
                    problems.add(word + shown(target) + " in " + domain + " names a domain without an SPF record; receivers give "
                            + "permerror (RFC 7208 §5.2, §6.1)");
                } else if (inner.size() > 1) {
                    problems.add(word + shown(target) + " in " + domain + " reaches " + inner.size() + " v=spf1 records; "
                            + "receivers give permerror");
                } else {
                    walk(target, inner.get(0), depth + 1, new LinkedHashSet<>(path));
                }
            }
        }
    }
}

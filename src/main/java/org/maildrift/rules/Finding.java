package org.maildrift.rules;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One piece of drift: the rule and severity, the host (null when DNS alone is at fault), the subject,
 * message, evidence chain as typed steps, the remedy (the fix's words, file and line, action), and the DNS views it
 * was seen in. {@link #key()} is stable across runs and identifies the same drift in the history.
 */
public record Finding(String rule, Severity severity, String host, String subject, String message,
        List<Step> steps, Fix remedy, List<String> views) {

    /** Most severe first, then rule ID, subject and host. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::rule).thenComparing(Finding::subject)
            .thenComparing(f -> f.host() == null ? "" : f.host());

    public Finding {
        steps = List.copyOf(steps);
        views = List.copyOf(views);
    }

    /** A finding whose evidence is lines of words only (notes), and whose fix has no action. */
    public Finding(String rule, Severity severity, String host, String subject, String message,
            List<String> evidence, String fix, Location location, List<String> views) {
        this(rule, severity, host, subject, message, evidence.stream().map(t -> (Step) new Step.Note(t)).toList(),
                new Fix(fix, location), views);
    }

    public String key() {
        return rule + "|" + (host == null ? "" : host) + "|" + subject;
    }

    /** The evidence chain as the lines people read. */
    public List<String> evidence() {
        return steps.stream().map(Step::text).toList();
    }

    /** The fix in words. */
    public String fix() {
        return remedy.words();
    }

    /** The file and line to change, or null. */
    public Location location() {
        return remedy.location();
    }

    /** The DNS names the finding rests on: its subject and every name of its evidence. */
    public Set<String> dependsOn() {
        Set<String> out = new LinkedHashSet<>();
        out.add(subject.toLowerCase(Locale.ROOT));
        for (Step s : steps) {
            s.names().forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        }
        return out;
    }
}

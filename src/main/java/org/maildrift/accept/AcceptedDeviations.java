package org.maildrift.accept;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.maildrift.rules.CheckReport;
import org.maildrift.rules.Finding;
import org.maildrift.rules.Fix;
import org.maildrift.rules.Inconclusive;
import org.maildrift.rules.Location;
import org.maildrift.rules.Severity;
import org.maildrift.rules.Step;

/**
 * Deviations an estate has accepted (docs/check.md, "Accepting a finding"): per-rule settings (a rule off, or at
 * another severity, for the estate or some hosts) and entries that suppress or re-grade the findings they match,
 * each with a reason, an owner and an expiry. An expired entry suppresses nothing and is a finding of its own,
 * {@value #EXPIRED}, until it is renewed or removed. {@code file} is how findings name the file (its name beside
 * the inventory).
 */
public record AcceptedDeviations(String file, List<RuleSetting> rules, List<Entry> entries) {

    /** The rule ID of an expired acceptance. */
    public static final String EXPIRED = "suppression-expired";
    public static final String EXPIRED_SUMMARY = "An accepted deviation has expired and no longer suppresses anything";

    /** The rule ID of an entry that has matched nothing for {@value #STALE_DAYS} days. */
    public static final String STALE = "suppression-stale";
    public static final String STALE_SUMMARY = "An accepted deviation has matched nothing for 30 days";
    public static final int STALE_DAYS = 30;

    public static final AcceptedDeviations NONE = new AcceptedDeviations(null, List.of(), List.of());

    public AcceptedDeviations {
        rules = List.copyOf(rules);
        entries = List.copyOf(entries);
    }

    /** A rule switched off ({@code severity} null) or re-graded, for the estate ({@code hosts} empty) or some hosts. */
    public record RuleSetting(String rule, List<String> hosts, Severity severity, String reason, int line) {
        public RuleSetting {
            hosts = List.copyOf(hosts);
        }

        boolean applies(String ruleId, String host) {
            return rule.equals(ruleId) && (hosts.isEmpty() || host != null && hosts.contains(host));
        }

        public boolean off() {
            return severity == null;
        }
    }

    /**
     * One accepted deviation: a rule ID or "*", optionally a host and a subject (exact, or a glob with {@code *} and
     * {@code ?}, without case), why, who answers for it, until when; {@code severity} re-grades instead of
     * suppressing. {@code source} names an entry kept elsewhere than the file ("acceptance #12", from the
     * dashboard); null for the file's own entries, which are named by file and line.
     */
    public record Entry(String rule, String host, String subject, String reason, String owner, LocalDate expires,
            Severity severity, int line, String source) {

        /** An entry of the file, at {@code line}. */
        public Entry(String rule, String host, String subject, String reason, String owner, LocalDate expires,
                Severity severity, int line) {
            this(rule, host, subject, reason, owner, expires, severity, line, null);
        }

        /** Whether the entry covers a finding of this rule, host and subject (expiry aside). */
        public boolean matches(String ruleId, String findingHost, String findingSubject) {
            return (rule.equals("*") || rule.equals(ruleId)) && (host == null || host.equals(findingHost))
                    && (subject == null || glob(subject, findingSubject));
        }

        public boolean expiredOn(LocalDate today) {
            return expires.isBefore(today);
        }
    }

    /** A finding or a conclusion not reached that an entry or rule setting suppressed, and why. */
    public record Suppressed(Finding finding, Inconclusive inconclusive, String by, String reason, String owner,
            LocalDate expires) {
    }

    /**
     * The report as the estate sees it, what was suppressed, and the entries in force that matched nothing (neither
     * a finding nor a conclusion not reached): candidates for {@value #STALE}.
     */
    public record Applied(CheckReport report, List<Suppressed> suppressed, List<Unmatched> unmatched) {
        public Applied {
            suppressed = List.copyOf(suppressed);
            unmatched = List.copyOf(unmatched);
        }

        public Applied(CheckReport report, List<Suppressed> suppressed) {
            this(report, suppressed, List.of());
        }
    }

    /** An entry in force that matched nothing, and how findings name it ({@code FILE:LINE}, or its source). */
    public record Unmatched(String where, Entry entry) {
        /** What it accepts: "rule on host for subject". */
        public String what() {
            return describe(entry);
        }
    }

    /**
     * These deviations and {@code more} entries after the file's own: where both match a finding, the file's entry,
     * first, is the one that applies.
     */
    public AcceptedDeviations with(List<Entry> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(more);
        return new AcceptedDeviations(file, rules, all);
    }

    /** How findings name an entry: its source, or the file and line. */
    public String where(Entry e) {
        return e.source() != null ? e.source() : where(e.line());
    }

    /** Applies the settings and entries to a report, on {@code today} (entries expire at the end of their day). */
    public Applied apply(CheckReport report, LocalDate today) {
        List<Finding> kept = new ArrayList<>();
        List<Suppressed> suppressed = new ArrayList<>();
        Set<Entry> used = new java.util.HashSet<>();
        findings(report.findings(), today, kept, suppressed, used);
        List<Inconclusive> open = new ArrayList<>();
        for (Inconclusive i : report.inconclusive()) {
            Set<String> from = report.rulesOf(i);
            Suppressed s = from.isEmpty() ? null : suppressedInconclusive(i, from, today, used);
            if (s != null) {
                suppressed.add(s);
            } else {
                open.add(i);
            }
        }
        for (Entry e : entries) {
            if (e.expiredOn(today)) {
                kept.add(expired(e));
            }
        }
        kept.sort(Finding.ORDER);
        List<Unmatched> unmatched = entries.stream().filter(e -> !e.expiredOn(today) && !used.contains(e))
                .map(e -> new Unmatched(where(e), e)).toList();
        return new Applied(new CheckReport(kept, open, report.sources()), suppressed, unmatched);
    }

    /**
     * The findings a change would introduce, as the estate accepts them (a pre-change check): suppressed or
     * re-graded, without the expired entries, which the change does not introduce.
     */
    public Applied applyToFindings(List<Finding> introduced, LocalDate today) {
        List<Finding> kept = new ArrayList<>();
        List<Suppressed> suppressed = new ArrayList<>();
        findings(introduced, today, kept, suppressed, new java.util.HashSet<>());
        kept.sort(Finding.ORDER);
        return new Applied(new CheckReport(kept, List.of()), suppressed, List.of());
    }

    private void findings(List<Finding> all, LocalDate today, List<Finding> kept, List<Suppressed> suppressed,
            Set<Entry> used) {
        for (Finding f : all) {
            Finding g = f;
            RuleSetting setting = rules.stream().filter(r -> r.applies(f.rule(), f.host())).findFirst().orElse(null);
            if (setting != null && setting.off()) {
                suppressed.add(new Suppressed(f, null, where(setting.line()), reasonOf(setting), null, null));
                continue;
            }
            if (setting != null) {
                g = regrade(g, setting.severity());
            }
            Entry e = entries.stream().filter(x -> !x.expiredOn(today) && x.matches(f.rule(), f.host(), f.subject()))
                    .findFirst().orElse(null);
            if (e != null) {
                used.add(e);
            }
            if (e != null && e.severity() == null) {
                suppressed.add(new Suppressed(g, null, where(e), e.reason(), e.owner(), e.expires()));
                continue;
            }
            kept.add(e != null ? regrade(g, e.severity()) : g);
        }
    }

    /** Suppressed when every rule that could not reach it is off, or accepted for this subject. */
    private Suppressed suppressedInconclusive(Inconclusive i, Set<String> from, LocalDate today, Set<Entry> used) {
        Suppressed last = null;
        List<Entry> matched = new ArrayList<>();
        for (String rule : from) {
            RuleSetting off = rules.stream().filter(r -> r.off() && r.rule().equals(rule) && r.hosts().isEmpty())
                    .findFirst().orElse(null);
            if (off != null) {
                last = new Suppressed(null, i, where(off.line()), reasonOf(off), null, null);
                continue;
            }
            Entry e = entries.stream().filter(x -> x.severity() == null && !x.expiredOn(today) && x.host() == null
                    && x.matches(rule, null, i.name())).findFirst().orElse(null);
            if (e == null) {
                return null;
            }
            matched.add(e);
            last = new Suppressed(null, i, where(e), e.reason(), e.owner(), e.expires());
        }
        used.addAll(matched);
        return last;
    }

    /**
     * The notice that an entry in force has matched nothing since {@code since} ({@value #STALE_DAYS} days or more):
     * the deviation it accepted is gone, and the entry would hide it if it came back.
     */
    public Finding stale(Entry e, LocalDate since) {
        String what = describe(e);
        List<Step> steps = List.of(new Step.Note(where(e) + ": " + what + ", accepted by " + e.owner() + " until "
                + e.expires() + ": " + e.reason()), new Step.Note("no finding and no conclusion not reached has matched"
                + " it since " + since));
        Fix fix = e.source() != null
                ? new Fix("remove " + e.source() + " on the acceptances page if the deviation is gone for good", null)
                : new Fix("remove the entry at " + file + " line " + e.line() + " if the deviation is gone for good",
                        new Location(file, e.line()));
        return new Finding(STALE, Severity.NOTICE, e.host(), where(e), "the acceptance of " + what
                + " has matched nothing since " + since, steps, fix, List.of());
    }

    private static String describe(Entry e) {
        return (e.rule().equals("*") ? "every rule" : e.rule()) + (e.host() != null ? " on " + e.host() : "")
                + (e.subject() != null ? " for " + e.subject() : "");
    }

    private Finding expired(Entry e) {
        String what = describe(e);
        List<Step> steps = List.of(new Step.Note(where(e) + ": " + what + ", accepted by " + e.owner()
                + " until " + e.expires() + ": " + e.reason()));
        return new Finding(EXPIRED, Severity.WARNING, e.host(), where(e), "the acceptance of " + what
                + " expired on " + e.expires() + ": what it matched is reported again", steps,
                new Fix("renew expires at " + file + " line " + e.line() + " if the deviation is still accepted, or"
                        + " remove the entry", new Location(file, e.line())), List.of());
    }

    private static Finding regrade(Finding f, Severity s) {
        return new Finding(f.rule(), s, f.host(), f.subject(), f.message(), f.steps(), f.remedy(), f.views());
    }

    private static String reasonOf(RuleSetting s) {
        String what = s.off() ? "rule off" : "rule at " + s.severity().label();
        return s.reason() == null ? what : what + ": " + s.reason();
    }

    private String where(int line) {
        return file + ":" + line;
    }

    /** {@code *} any run, {@code ?} one character, without case; otherwise equal. */
    static boolean glob(String pattern, String text) {
        return text != null && org.maildrift.files.Glob.matches(pattern.toLowerCase(Locale.ROOT),
                text.toLowerCase(Locale.ROOT), true);
    }
}

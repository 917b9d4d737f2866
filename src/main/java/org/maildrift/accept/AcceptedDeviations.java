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
     * suppressing.
     */
    public record Entry(String rule, String host, String subject, String reason, String owner, LocalDate expires,
            Severity severity, int line) {

        boolean matches(String ruleId, String findingHost, String findingSubject) {
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

    /** The report as the estate sees it, and what was suppressed. */
    public record Applied(CheckReport report, List<Suppressed> suppressed) {
        public Applied {
            suppressed = List.copyOf(suppressed);
        }
    }

    /** Applies the settings and entries to a report, on {@code today} (entries expire at the end of their day). */
    public Applied apply(CheckReport report, LocalDate today) {
        List<Finding> kept = new ArrayList<>();
        List<Suppressed> suppressed = new ArrayList<>();
        findings(report.findings(), today, kept, suppressed);
        List<Inconclusive> open = new ArrayList<>();
        for (Inconclusive i : report.inconclusive()) {
            Set<String> from = report.rulesOf(i);
            Suppressed s = from.isEmpty() ? null : suppressedInconclusive(i, from, today);
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
        return new Applied(new CheckReport(kept, open, report.sources()), suppressed);
    }

    /**
     * The findings a change would introduce, as the estate accepts them (a pre-change check): suppressed or
     * re-graded, without the expired entries, which the change does not introduce.
     */
    public Applied applyToFindings(List<Finding> introduced, LocalDate today) {
        List<Finding> kept = new ArrayList<>();
        List<Suppressed> suppressed = new ArrayList<>();
        findings(introduced, today, kept, suppressed);
        kept.sort(Finding.ORDER);
        return new Applied(new CheckReport(kept, List.of()), suppressed);
    }

    private void findings(List<Finding> all, LocalDate today, List<Finding> kept, List<Suppressed> suppressed) {
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
            if (e != null && e.severity() == null) {
                suppressed.add(new Suppressed(g, null, where(e.line()), e.reason(), e.owner(), e.expires()));
                continue;
            }
            kept.add(e != null ? regrade(g, e.severity()) : g);
        }
    }

    /** Suppressed when every rule that could not reach it is off, or accepted for this subject. */
    private Suppressed suppressedInconclusive(Inconclusive i, Set<String> from, LocalDate today) {
        Suppressed last = null;
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
            last = new Suppressed(null, i, where(e.line()), e.reason(), e.owner(), e.expires());
        }
        return last;
    }

    private Finding expired(Entry e) {
        String what = (e.rule().equals("*") ? "every rule" : e.rule()) + (e.host() != null ? " on " + e.host() : "")
                + (e.subject() != null ? " for " + e.subject() : "");
        List<Step> steps = List.of(new Step.Note(where(e.line()) + ": " + what + ", accepted by " + e.owner()
                + " until " + e.expires() + ": " + e.reason()));
        return new Finding(EXPIRED, Severity.WARNING, e.host(), where(e.line()), "the acceptance of " + what
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
